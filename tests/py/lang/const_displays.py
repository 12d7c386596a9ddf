# Displays of constants: a set display of more than two constants is a frozenset
# constant built twice (its iteration order is CPython's), equal ones are one constant
# file-wide, `in` and `for` over a display of constants use a constant; complex
# numbers hash and compare with ints and floats.
print({1, 9, 17}, {-1, -2, 5}, {8, 16, 0, 24}, {2.5, 10.5, 18.5})
print({1, 9, 17, 25}, {25, 17, 9, 1}, {(1, 2), (3, 4), 5, -1})
print({-1, -2, 2 ** 61 - 1, 2 ** 61, 0}, {1, 1, 9, 9, 17})
x = 3
print({1, 9, 17, x}, {x, 1, 9, 17}, {1, 9})
for v in {25, 17, 9, 1, 33}:
    print(v, end=" ")
print()
for v in [3, 1, 2]:
    print(v, end=" ")
print()
print([v * 2 for v in {40, 8, 16}], sorted(v for v in {7, 15, 23}))
print(9 in {1, 9, 17}, 10 in {1, 9, 17}, 4 not in {1, 2, 3}, 2 in [1, 2, 3])
print(1 < 2 in {2, 3}, 1 < 5 in {2, 3}, (1, 2) in {(1, 2), (3, 4)})
s = {1, 2, 3}
s.add(4)
t = {1, 2, 3}
print(s, t, s is t)

def f():
    return {17, 9, 1}
print(f() is f(), f() == {1, 9, 17}, list(f()))

# complex numbers with ints and floats
print(hash(1j), hash(2 + 0j) == hash(2), hash(1.5 + 0j) == hash(1.5))
print(1 + 0j == 1, 1 == 1 + 0j, 1.5 == 1.5 + 0j, 1 + 1j == 1, 1 + 0j != 1, True == 1 + 0j)
print(1 + 0j in {1}, 1 in {1 + 0j}, {1: "a"}[1 + 0j], len({1, 1.0, 1 + 0j}))
try:
    1j < 1
except TypeError as e:
    print(e)
