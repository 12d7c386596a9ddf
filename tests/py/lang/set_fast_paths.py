# `in` on sets and frozensets with int and str keys, set and dict displays: the
# answers, the comparisons that still run Python code, and the references displays
# leave behind when an item fails.
import sys

s = {1, 2.0, "a", (1, 2), 10 ** 30}
fs = frozenset(s)
for x in [1, 1.0, True, 2, 2.0, "a", "b", (1, 2), 10 ** 30, 10 ** 30 + 1, -1, 0, False]:
    print(repr(x), x in s, x in fs, x not in s)
print(3 in set(), "x" in frozenset())

class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        print("  eq", self.v, other)
        return self.v == other

t = {Key(5), Key("k")}
print(5 in t, "k" in t, 6 in t, "j" in t)

class IntSub(int):
    def __hash__(self):
        print("  hash", int(self))
        return int.__hash__(self)
print(IntSub(5) in {5}, IntSub(7) in {5})

# A set holding ints whose probe sequences collide (hash(-1) == hash(-2)).
c = {-1, -2, 2 ** 61 - 1, 2 ** 61, 0}
print(-1 in c, -2 in c, 0 in c, 2 ** 61 in c, 1 in c)

# A set that an __eq__ empties while `in` looks at it.
class Clearing:
    def __hash__(self):
        return 7
    def __eq__(self, other):
        victim.clear()
        return False
victim = {Clearing(), 8}
print(7 in victim, victim)

# Displays.
a, b = "p", "q"
print(sorted({a, b, a}), {a: 1, b: 2, a: 3})
item = object()
before = sys.getrefcount(item)
try:
    {item, [], item}
except TypeError as e:
    print("TypeError:", e)
print(sys.getrefcount(item) - before)
try:
    {item: 1, []: 2, "z": item}
except TypeError as e:
    print("TypeError:", e)
print(sys.getrefcount(item) - before)
print(len({i % 5 for i in range(100)}), {1, *[2, 3], 1})

# Subclasses: one with its own __contains__, one with the builtin one.
class OwnContains(set):
    def __contains__(self, x):
        print("  contains", x)
        return x == 5
class PlainSub(frozenset):
    pass
print(5 in OwnContains(), "z" in OwnContains({"z"}), 5 not in OwnContains())
print(1 in PlainSub({1}), 2 in PlainSub({1}), "a" not in PlainSub("ab"))
