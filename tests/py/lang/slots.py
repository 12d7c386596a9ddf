# __slots__ restrictions and errors.
class S:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = 1

s = S()
print(s.a)
try:
    s.b
except AttributeError as e:
    print(type(e).__name__, e)
s.b = 2
print(s.b)
try:
    s.c = 3
except AttributeError as e:
    print(type(e).__name__, e)
print(hasattr(s, '__dict__'))
del s.a
try:
    del s.a
except AttributeError as e:
    print(type(e).__name__, e)
print(S.__slots__)

class Sub(S):
    pass
x = Sub()
x.c = 3
print(x.c, x.__dict__)

class Sub2(S):
    __slots__ = ('c',)
y = Sub2()
y.a, y.c = 1, 3
print(y.a, y.c)
try:
    y.d = 1
except AttributeError as e:
    print(type(e).__name__, e)

class WithDict:
    __slots__ = ('a', '__dict__')
w = WithDict()
w.a = 1
w.z = 2
print(w.a, w.__dict__)

class Single:
    __slots__ = 'only'
o = Single()
o.only = 5
print(o.only, Single.__slots__)

try:
    class Conflict:
        __slots__ = ('x',)
        x = 1
except ValueError as e:
    print(type(e).__name__, e)

class ClassAttr:
    __slots__ = ()
    k = 10
ca = ClassAttr()
print(ca.k)
try:
    ca.k = 11
except AttributeError as e:
    print(type(e).__name__, e)
print(type(S.a).__name__, S.a, S.a.__class__.__name__)
