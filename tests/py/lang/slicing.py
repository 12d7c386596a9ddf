# Slicing with steps, slice assignment and its errors.
s = list(range(10))
print(s[::2], s[1::3], s[::-1], s[-3:], s[:-7:-2], s[8:2:-2], s[100:], s[-100:2])
print('abcdef'[::-2], (1, 2, 3, 4)[1::2], range(10)[::3], b'hello'[1:4])
sl = slice(1, 8, 3)
print(s[sl], sl, sl.start, sl.stop, sl.step, sl.indices(5))
print(slice(None).indices(4), slice(-1, None, -1).indices(3), slice(3))
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
a = list(range(6))
a[1:3] = 'xyz'
print(a)
a[::2] = [0, 0, 0, 0]
print(a)
a[2:2] = [9, 9]
print(a)
a[:] = []
print(a)
b = list(range(6))
try:
    b[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    b[::-1] = range(3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    b[1:3] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    b[::2] = 5
except TypeError as e:
    print(type(e).__name__, e)
b[::-2] = 'abc'
print(b)
b[4:1] = ['ins']
print(b)
b[1:2] = b
print(b)
c = [1, 2, 3]
c[5:] = [7]
print(c)
c[-100:1] = ['front']
print(c)
try:
    'abc'[0:1] = 'x'
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
ba = bytearray(b'abcdef')
ba[1:3] = b'XYZ'
del ba[::3]
print(ba)
print(slice(1, 2) == slice(1, 2), slice(1, 2, 3) != slice(1, 2))
try:
    hash(slice(1, 2))
    print('hashable')
except TypeError as e:
    print(type(e).__name__, e)
print([1, 2, 3][True:], 'xy'[False])
