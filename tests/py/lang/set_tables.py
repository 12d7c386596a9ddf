# Set tables: the inline table of a small set, growth past it, back to it after
# clear(); unions and updates whose keys need Python comparisons (the keys met
# before one that needs them are added again, found); iteration order throughout.
import sys

s = set()
for i in range(20):
    s.add(i * 7)
    if i in (3, 4, 5, 6, 12, 19):
        print(i, list(s))
s.clear()
print(list(s), len(s))
s.update([40, 8, 16, 3])
print(list(s))
for i in range(100):
    s.discard(i)
print(s, len(s))
s |= set([1, 9, 17, 25])
print(list(s))

fs = frozenset([3, 11, 19])
for i in range(12):
    r = fs | {i}
    print(type(r).__name__, list(r), end="; ")
print()
print(list({1, 2} | frozenset([9, 17, 25, 33, 41, 49, 57])))
print(list(set(range(9)) | set([100, 8, 200])))
u = {1, 2, 3}
u |= u
u.update(u)
print(u)

class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        print("  eq", self.v, getattr(other, "v", other))
        return self.v == getattr(other, "v", other)
    def __repr__(self):
        return "K%s" % self.v

a = {1, Key(2), 3}
b = {5, Key(2), 4, 3}
print(sorted(map(repr, a | b)))
c = {9, 2}
c.update({Key(2), 6})
print(sorted(map(repr, c)))

class Shrinker:
    # Its __eq__ empties the set the keys are being added to.
    def __hash__(self):
        return 2
    def __eq__(self, other):
        target.clear()
        return False
target = {2, 10, 18}
target.update({Shrinker(), 26})
print(len(target), sorted(type(k).__name__ for k in target))

x = object()
before = sys.getrefcount(x)
big = {x} | set(range(50))
del big
small = frozenset({x}) | {1}
del small
print(sys.getrefcount(x) - before)

# The in-place operators and update methods change the set itself, in CPython's order.
def fresh():
    s = set()
    s.update([40, 8, 16, 3, 11, 19])
    return s
o = set([1, 9, 17, 25])
for name, op in [("|=", lambda s: s.__ior__(o)), ("-=", lambda s: s.__isub__(set([8, 16, 3]))),
                 ("^=", lambda s: s.__ixor__(set([3, 27, 35]))), ("&=", lambda s: s.__iand__(set([19, 11, 40])))]:
    s = fresh()
    t = s
    s = op(s)
    print(name, t is s, list(s))
s = fresh()
s.difference_update([8, 16, 3, 40, 11])
s.update(o)
print(list(s))
s = fresh()
s -= s
print(s)
s = fresh()
s ^= s
print(s)
s = fresh()
s.symmetric_difference_update(s)
s.update(o)
print(list(s))

# Updating a set with itself changes nothing, not even its table (iteration order).
w = set([8, 16, 24, 1])
before = list(w)
w |= w
w.update(w)
print(list(w) == before, list(w))
