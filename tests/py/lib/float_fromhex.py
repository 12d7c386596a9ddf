# float.fromhex: syntax, rounding half to even (incl. subnormals), overflow and errors;
# hex() round trips.
import random
cases = ['0x1.8p+0', '-0x1p-1074', '0x1p-1075', '0x1.8p-1074', '0x3p-1076', ' 0X1.FFFFFFFFFFFFFP+1023 ', '0x1.fffffffffffff8p+1023', 'inf', '-Infinity', 'nan', '1', '0x.8', '0x1.', 'ff', '0x1p10000000000', '0x0p999999999', '0x1.000000000000080000000001p0', '0x1.00000000000008p0', '0x1.00000000000018p0', '0x123456789abcdef123456789p-40', '0x1p-1080']
for c in cases:
    try: print(repr(c), repr(float.fromhex(c)))
    except (ValueError, OverflowError) as e: print(repr(c), type(e).__name__, e)
for bad in ['', '0x', 'x1', '0x1p', '0x1p+', '1.2.3', '0xg', '- 1', '0x1 p1']:
    try: print(float.fromhex(bad))
    except ValueError as e: print(repr(bad), e)
random.seed(5)
ok = 0
for i in range(20000):
    x = random.random() * 2.0 ** random.randint(-1100, 1023)
    if float.fromhex(x.hex()) == x: ok += 1
print(ok)
class F(float): pass
print(type(F.fromhex('0x1p1')), F.fromhex('0x1p1'))
