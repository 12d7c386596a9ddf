# Indexing lists and tuples with ints at the edges of the shortcut, and what must not
# take it (subclasses, bools, big ints, slices).
import sys
l = [10, 20, 30]
t = (1, 2, 3)
for i in [0, 1, 2, -1, -2, -3, 3, -4, 2**63 - 1, -2**63, 2**63, -2**63 - 1, True, False]:
    for seq in (l, t):
        try:
            print(type(seq).__name__, i, seq[i])
        except (IndexError, TypeError) as e:
            print(type(seq).__name__, i, type(e).__name__, e)
for i in [0, -1, 3, -4, 2**64, True]:
    try:
        l[i] = i
        print("set", i, l)
    except (IndexError, TypeError) as e:
        print("set", i, type(e).__name__, e)
try:
    t[0] = 5
except TypeError as e:
    print(e)

class L(list):
    def __getitem__(self, i):
        return ("L", i)
    def __setitem__(self, i, v):
        print("L set", i, v)

class T(tuple):
    def __getitem__(self, i):
        return ("T", i)

ll, tt = L([1, 2]), T((1, 2))
for _ in range(2):
    print(ll[0], tt[1], ll[-1])
    ll[0] = 9
print(list(ll), l[1:], t[::-1])

# The replaced item is released when it is replaced, after the list is updated.
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, "list now", [getattr(x, "name", x) for x in box])

box = [D("a"), D("b")]
box[0] = 1
box[-1] = 2
print(box)
x = object()
box[0] = x
print(sys.getrefcount(x))
y = box[0]
print(sys.getrefcount(x), y is x)

# Slice bounds: ints (and int subclasses, whose __index__ is not called), bools,
# huge values and objects with __index__.
class I(int):
    def __index__(self):
        return 0

class Ix:
    def __index__(self):
        return 2

s = list(range(10))
print(s[I(3):I(7)], s[True:], s[:False], s[-2**70:2**70], s[2**70:], s[Ix():Ix() + 3 if False else 5])
print(s[1:8:2], s[::-3], s[8:1:-2], s[I(-1)::I(-4)], s[Ix():], (1, 2, 3, 4)[I(1):])
s[I(2):I(4)] = "ab"
s[True:2] = [None]
print(s)
