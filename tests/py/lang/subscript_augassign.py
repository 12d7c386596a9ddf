# `x[i] op= v`: the item is read, v evaluated, the operator applied and the item
# written back, in that order, with the container and key evaluated once.
import sys

v = [1.5, 2.5, 3.5]
v[0] += 1.0
v[1] -= 0.5
v[-1] *= 2
print(v)

counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0)
    counts[w] += 1
print(sorted(counts.items()))

# Evaluation order, against a container that logs every access.
class Log:
    def __init__(self):
        self.d = {0: 10}
    def __getitem__(self, k):
        print("get", k)
        return self.d[k]
    def __setitem__(self, k, val):
        print("set", k, val)
        self.d[k] = val

def key():
    print("key")
    return 0

def val():
    print("val")
    log.d[0] = 100  # changed after the read: the read value is used
    return 5

log = Log()
log[key()] += val()
print(log.d)

# In-place operators of the item's type are used, and the result is stored back.
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, other):
        self.items.append(other)
        return self
box = [Acc()]
first = box[0]
box[0] += 7
box[0] += 8
print(box[0] is first, first.items)

# Errors: the read, the operator and the write each raise where CPython does.
try:
    v[5] += 1
except IndexError as e:
    print("IndexError", e)
try:
    v[0] += "x"
except TypeError as e:
    print("TypeError", e)
t = (1, 2)
try:
    t[0] += 1
except TypeError as e:
    print("TypeError", e)
try:
    counts["missing"] += 1
except KeyError as e:
    print("KeyError", e)

class ReadOnly(list):
    def __setitem__(self, k, v):
        raise RuntimeError("read-only " + str(k))
r = ReadOnly([1, 2])
try:
    r[1] += 1
except RuntimeError as e:
    print("RuntimeError", e, r)

# The references the statement takes are all given back.
x = 12345.5
lst = [x]
before = sys.getrefcount(lst)
for _ in range(100):
    lst[0] += 1.0
    lst[0] -= 1.0
print(lst[0] == x, sys.getrefcount(lst) == before)

# A tuple's list item, and slices.
nested = ([1, 2], [3])
nested[0][1] += 40
print(nested)
s = [1, 2, 3, 4]
s[1:3] += [9]
print(s)
