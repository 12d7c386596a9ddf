# Slicing lists, tuples and strs by literal bounds (`x[a:b]`, `x[a:b:c]`, `x[a:b] = v`):
# values, errors, evaluation order, counts and the collector's counts.
import gc
import sys

v = list(range(10))
print(v[2:5], v[:3], v[7:], v[::-1], v[8:2:-2], v[-3:], v[:-7], v[5:5], v[20:30])
t = tuple(v)
print(t[2:5], t[::3], t[:] is t, t[1:-1])
s = "hello, world"
print(s[:5], s[7:], s[::-1], s[:] is s, s[2:9:3])
u = "héllo wörld"
print(u[1:4], u[::-2])

k = 3
perm = list(range(8))
perm[:k + 1] = perm[k::-1]
print(perm)
perm[2:4] = [9, 9, 9]
print(perm)
perm[1:6:2] = "abc"
print(perm)
perm[:] = []
print(perm)

# Bounds that are not plain ints take the general path: __index__, bools, big ints.
class I:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        print("index", self.n)
        return self.n

print(v[I(1):I(3)], v[True:4], v[: 2 ** 70], v[-(2 ** 70):2])
w = [0] * 5
w[I(1):I(2)] = ["x"]
print(w)

# Errors, as CPython words them.
for bad in ("v[1:2:0]", "v[1:'a']", "t[1:2] = [0]", "w[::2] = [1]", "w[1:2] = 5", "s[1:2] = 'x'"):
    try:
        exec(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Containers of other types: their __getitem__/__setitem__ get a real slice.
class Seq(list):
    def __getitem__(self, k):
        print("getitem", k)
        return list.__getitem__(self, k)
    def __setitem__(self, k, val):
        print("setitem", k, val)
        list.__setitem__(self, k, val)

q = Seq([1, 2, 3, 4])
print(q[1:3], q[::2])
q[0:1] = [7]
print(q)
print(range(10)[2:8:2], b"bytes"[1:3], bytearray(b"abcd")[::-1])

# Evaluation order: container, bounds, then the value's iteration.
def tag(x, name):
    print("eval", name)
    return x

r = list(range(6))
tag(r, "container")[tag(1, "start"):tag(4, "stop")] = tag([0], "value")
print(r)

# Counts: nothing is kept by a slice operation.
big = [object() for _ in range(4)]
before = [sys.getrefcount(x) for x in big]
for _ in range(50):
    big[1:3] = big[2:0:-1]
    big[1:3] = big[2:0:-1]
    part = big[1:3]
del part
print([sys.getrefcount(x) for x in big] == before)

# The collector's generation-0 count moves by the lists made and freed, not by the
# slices (a slice made and freed comes from CPython's one-slice cache and goes back).
gc.collect()
gc.disable()
x = v[1:3]
c0 = gc.get_count()[0]
for _ in range(100):
    x = v[1:3]
    v[0:1] = [0]
print(gc.get_count()[0] - c0)
# With the cache emptied (a slice kept), the next slice is a counted allocation.
keep = slice(1, 2)
c0 = gc.get_count()[0]
x = v[1:3]
print(gc.get_count()[0] - c0)
c0 = gc.get_count()[0]
x = v[1:3]
print(gc.get_count()[0] - c0)
gc.enable()
