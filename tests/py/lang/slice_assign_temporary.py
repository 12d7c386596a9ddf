# Slice assignment from a temporary list (its items are moved, not copied) and from
# lists that other names hold: results, finalizers and reference counts as CPython.
a = list(range(10))
a[:5] = a[4::-1]
print(a)
a[2:8] = [x * 2 for x in a[2:8]]
print(a)
a[::2] = a[1::2]
print(a)
b = [1, 2, 3]
a[:] = b
print(a, b, a is b)
a[1:2] = a
print(a)
class D:
    def __del__(self):
        print("del", end=" ")
c = [D(), D()]
c[:] = [7]
print(c)
import sys
o = object()
t = [o] * 3
before = sys.getrefcount(o)
t[:2] = [o, o, o][:2]
print(sys.getrefcount(o) - before, t == [o] * 3)
