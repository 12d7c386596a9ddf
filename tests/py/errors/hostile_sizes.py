# Impossible sizes give MemoryError/OverflowError, as in CPython, never an abort.
for expr in ["'a' * 2**62", "[0] * 2**62", "[0] * 2**40", "list(range(2**62))", "b'x' * 2**62", "(1,) * 2**62",
             "'ab' * (2**63)", "bytearray(2**62)", "bytes(2**62)", "'a'.ljust(2**62)", "'a'.center(2**61)",
             "'a'.zfill(2**62)", "b'a'.rjust(2**62)", "tuple(range(2**62))"]:
    try:
        eval(expr)
        print("ok")
    except (MemoryError, OverflowError) as e:
        print(expr, type(e).__name__, e)
x = [1]
try:
    x *= 2**40
except MemoryError as e:
    print("imul", type(e).__name__, len(x))
