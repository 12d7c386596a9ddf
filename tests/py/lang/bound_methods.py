# Bound methods: __self__, __func__, equality, identity of functions.
class C:
    def m(self, x=1):
        return (self.name, x)
    def __init__(self, name):
        self.name = name

a = C('a')
b = C('b')
bm = a.m
print(bm(), bm(5))
print(bm.__self__ is a, bm.__func__ is C.m)
print(a.m == a.m, a.m is a.m, a.m == b.m)
print(a.m != b.m)
print(C.m(b, 2))
print(type(bm).__name__, type(C.m).__name__)
print(bm.__name__, bm.__qualname__)
f = C.__dict__['m']
print(f is C.m)
bound = f.__get__(a, C)
print(bound(), bound == a.m)
print(f.__get__(None, C) is f)
m2 = bm
del a
print(m2())
def free(self):
    return 'free ' + self.name
C.free = free
print(b.free())
b.inst = free
try:
    b.inst()
except TypeError as e:
    print(type(e).__name__, e)
print(b.inst(b))
print(len.__self__.__name__ if hasattr(len, '__self__') else 'none')
lst = [3, 1, 2]
app = lst.append
app(0)
print(lst, app.__self__ is lst, app.__name__)
print([].append == [].append)
l2 = []
print(l2.append == l2.append)
