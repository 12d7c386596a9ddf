# Reference counts seen inside Python functions called from native code: __init__,
# key functions, bound methods, map and filter, properties, generators made by a call.
import sys

class A:
    def __init__(self, x):
        print("init self", sys.getrefcount(self), "x", sys.getrefcount(x))
    def key(self, v):
        print("key self", sys.getrefcount(self), "v", sys.getrefcount(v))
        return 0
    @property
    def p(self):
        print("property self", sys.getrefcount(self))
        return 1

x = object()
a = A(x)
print("after init", sys.getrefcount(a), sys.getrefcount(x))
v = object()
sorted([v], key=a.key)
print("after sort", sys.getrefcount(v), sys.getrefcount(a))
a.p
def one(arg):
    print("map arg", sys.getrefcount(arg))
    return arg
list(map(one, [v]))
list(filter(one, [v]))
def gen(arg):
    yield sys.getrefcount(arg)
print("gen", list(map(gen, [v]))[0].__next__())
print("end", sys.getrefcount(v), sys.getrefcount(a), sys.getrefcount(x))

class N:
    def __new__(cls, x, y=None):
        print("new x", sys.getrefcount(x))
        return super().__new__(cls)
    def __init__(self, x, y=None):
        print("init self", sys.getrefcount(self), "x", sys.getrefcount(x))

n = N(x)
del n

class S:
    def __len__(self):
        print("len self", sys.getrefcount(self))
        return 1
    def __hash__(self):
        print("hash self", sys.getrefcount(self))
        return 1
    def __repr__(self):
        print("repr self", sys.getrefcount(self))
        return "S"
    def __del__(self):
        print("del self", sys.getrefcount(self))

s = S()
len(s)
hash(s)
repr(s)
del s
def with_default(a, b=1):
    print("default a", sys.getrefcount(a))
list(map(with_default, [v]))
print("end", sys.getrefcount(v), sys.getrefcount(x))
