# Reference counts of a program's own objects in common situations.
import sys

class C:
    pass

o = C()
base = sys.getrefcount(o)
a = o
print("alias", sys.getrefcount(o) - base)
lst = [o, o, o]
print("list of three", sys.getrefcount(o) - base)
t = (o,)
print("tuple", sys.getrefcount(o) - base)
d = {"k": o}
print("dict value", sys.getrefcount(o) - base)
s = {o}
print("set member", sys.getrefcount(o) - base)
del a, lst, t, d, s
print("all released", sys.getrefcount(o) - base)

def f(x):
    return sys.getrefcount(x)
print("argument moved into frame", f(o) - base)

def g(x, y=None):
    inner = x
    return sys.getrefcount(x)
print("argument plus local", g(o) - base)

m = o.__init__
print("bound method holds self", sys.getrefcount(o) - base)
del m
holder = C()
holder.attr = o
print("attribute", sys.getrefcount(o) - base)
del holder
def outer():
    v = o
    def inner():
        return v
    return inner
fn = outer()
print("closure cell", sys.getrefcount(o) - base)
del fn
for item in [o]:
    print("loop variable", sys.getrefcount(o) - base)
del item
print("end", sys.getrefcount(o) - base)
