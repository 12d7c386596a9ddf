# Arithmetic on ints and floats at the edges of the machine-word shortcuts: results,
# types and errors as the generic number protocol gives them.
big = 2**63
edges = [0, 1, -1, 2, -2, 3, -3, 7, -7, 255, 256, 257, -5, -6, 2**31, -2**31,
         2**53, 2**53 + 1, -2**53 - 1, 2**62, 2**63 - 1, -2**63, big, -big - 1]
ops = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
    ("//", lambda a, b: a // b), ("%", lambda a, b: a % b), ("/", lambda a, b: a / b),
    ("&", lambda a, b: a & b), ("|", lambda a, b: a | b), ("^", lambda a, b: a ^ b),
    ("<<", lambda a, b: a << b), (">>", lambda a, b: a >> b),
]
checksum = 0
lines = 0
for name, f in ops:
    for a in edges:
        for b in edges:
            if name == "<<" and not (0 <= b <= 70):
                continue
            try:
                r = f(a, b)
            except (ZeroDivisionError, ValueError, OverflowError) as e:
                r = type(e).__name__ + ": " + str(e)
            for ch in repr(r):
                checksum = (checksum * 31 + ord(ch)) % (2**61 - 1)
            lines += 1
print(lines, checksum)
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -3), (-2**63, -1), (-2**63, 1)]:
    print(a, b, a // b, a % b, divmod(a, b), a / b)
print(1 << 62, 1 << 63, -1 << 63, 3 << 61, 5 >> 70, -5 >> 70, -5 >> 1)
for s in ["1 // 0", "1 % 0", "1 / 0", "1.0 / 0", "1 / 0.0", "1 >> -1", "1 << -1"]:
    try:
        eval(s)
    except Exception as e:
        print(s, "->", type(e).__name__, e)
# Floats and mixed operands.
xs = [0.0, -0.0, 1.5, -2.25, 1e308, -1e308, 1e-308, float("inf"), float("nan"), 3, -4, 2**53 + 1, 2**62]
for a in xs:
    print([repr(a + b) for b in xs[:9]])
    print([repr(a * b) for b in xs[:9]])
    print([repr(a - b) for b in xs[9:]])
    print([repr(a / b) if b else "zero" for b in xs])
print(type(3 + 4.0).__name__, type(True + 1).__name__, True + True, True * 2.5, 2**53 + 1 + 0.0)
print(10 / 4, 2**53 / 3, (2**53 + 1) / 1, -(2**53) / 7, 1 / 3)
# In-place forms.
n = 5
n += 3; n -= 10; n *= -7; n //= 3; n %= 5; n |= 8; n &= 12; n ^= 3; n <<= 2; n >>= 1
f = 2.5
f += 1; f -= 0.25; f *= 2; f /= 4
print(n, f)
i = 2**62
i += i
print(i, type(i).__name__)
# True division of big ints rounds once, correctly, and keeps the sign of zero.
print(0 / -(2**70), -0 / 2**70, (2**54 + 1) / 2, (2**55 + 3) / 4, (2**64 + 1) / 3, 10**30 / 7, -(10**40 + 1) / 3**20, (3 * 2**100 + 1) / 2**47)
print([(2**53 + k) / 2 for k in range(1, 8)], [(2**80 + k) / 2**27 for k in (1, 2**26, 2**26 + 1, 3 * 2**26)])

# Powers: ints and floats, the cases the shortcut takes and those it leaves.
for a, b in [(2, 10), (3, 0), (0, 0), (-3, 3), (7, 40), (2, 63), (2, 64), (-2, 63), (2, -2), (0, 5),
             (2.0, 0.5), (2, 0.5), (0.5, 2), (10.0, -3), (1.5, 1e3), (1e10, 1e-10), (4.0, 0.0), (1.0, 1e308)]:
    print(a, "**", b, "=", repr(a ** b))
for a, b in [(0.0, -1.0), (1e200, 2.0), (10.0, 400), (-8.0, 1 / 3), (0, -1), (2.0, float("inf")),
             (float("nan"), 1.0), (float("inf"), -1.0), (-2.0, 2.0), (1e-200, 2.0)]:
    try:
        print(a, "**", b, "=", repr(a ** b))
    except (ZeroDivisionError, OverflowError) as e:
        print(a, "**", b, "->", type(e).__name__, e)
x = 3
x **= 4
y = 2.5
y **= 2
print(x, y)
