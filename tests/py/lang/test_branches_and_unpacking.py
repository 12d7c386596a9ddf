# Tests feeding a conditional jump directly, unpacking shortcuts, and numbers combined
# in place: the results, errors and refcounts are CPython's.
import sys


class Weird:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return Weird(self.v < other)

    def __eq__(self, other):
        return [] if self.v == other else [1]

    def __bool__(self):
        print("bool of", self.v)
        return self.v

    __hash__ = None


class Boom:
    def __lt__(self, other):
        raise ValueError("no order")


def branches(x):
    out = []
    if x < 3:
        out.append("lt")
    if not x < 3:
        out.append("not lt")
    if x is None:
        out.append("none")
    if x is not None:
        out.append("some")
    if x == 5:
        out.append("five")
    while x < 3:
        x += 1
        out.append(x)
    return out


print(branches(1), branches(5), branches(None) if False else "")
w = Weird(True)
if w < 5:
    print("weird true")
if Weird(10) < 5:
    print("not printed")
else:
    print("weird false")
print("eq list:", "yes" if Weird(2) == 2 else "no", "yes" if Weird(2) == 3 else "no")
try:
    if Boom() < 1:
        pass
except ValueError as e:
    print("raised:", e)
r = 3 < 4
print(r, type(r), 3 < 4 < 5, 5 < 4 < 6, (1 if 2 in [1, 2] else 0), (1 if 3 not in (1, 2) else 0))
s = "abc"
print([c for c in s if c in "ac"], [i for i in range(6) if i % 2 == 0 if i != 4])

a, b = [1, 2]
c, d = (3, 4)
(e, f), g = ([5, 6], 7)
print(a, b, c, d, e, f, g)
for x, (y, z) in [(1, (2, 3)), (4, [5, 6])]:
    print(x, y, z)
for bad in ([1, 2, 3], (1,), [], "ab", "abc", iter([1])):
    try:
        p, q = bad
        print("unpacked", p, q)
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__, exc)


class T(tuple):
    def __iter__(self):
        print("T.__iter__")
        return iter([10, 20])


class L(list):
    def __iter__(self):
        print("L.__iter__")
        return iter([30, 40])


p, q = T((1, 2))
print(p, q)
p, q = L([1, 2])
print(p, q)
item = object()
pair = [item, item]
before = sys.getrefcount(item)
u, v = pair
print("refs after unpack:", sys.getrefcount(item) - before)
del u, v
print("refs after del:", sys.getrefcount(item) - before)

n = 10**18
n += n
print(n, type(n))
x = 2**62
x = x + x
print(x, -x - x)
y = 1.5
y *= 2
print(y, 7 // 2, -7 // 2, 7 % -3, 2 ** -1, 10 / 4)
big = 1000
t = big + 1
print(sys.getrefcount(t), t)
