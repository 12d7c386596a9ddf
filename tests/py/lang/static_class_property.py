# staticmethod, classmethod, property (getter/setter/deleter, read-only).
class T:
    count = 0
    def __init__(self):
        self._x = 0
    @staticmethod
    def s(a, b):
        return a + b
    @classmethod
    def c(cls, n):
        cls.count += n
        return cls.__name__, cls.count
    @property
    def x(self):
        """the x"""
        print('get x')
        return self._x
    @x.setter
    def x(self, v):
        print('set x', v)
        self._x = v
    @x.deleter
    def x(self):
        print('del x')
        self._x = None
    @property
    def ro(self):
        return 'ro'

class U(T):
    pass

t = T()
print(T.s(1, 2), t.s(3, 4))
print(T.c(1), t.c(2), U.c(10), T.count, U.count)
t.x = 5
print(t.x)
del t.x
print(t._x)
print(T.x.__doc__, type(T.x).__name__)
print(t.ro)
try:
    t.ro = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.ro
except AttributeError as e:
    print(type(e).__name__, e)
p = property(lambda self: 42)
print(p.fget(None), p.fset, p.fdel)
class V:
    y = p
    z = property(doc='only doc')
print(V().y)
try:
    V().z
except AttributeError as e:
    print(type(e).__name__, e)
sm = staticmethod(len)
cm = classmethod(lambda cls: cls.__name__)
print(type(sm).__name__, sm.__func__ is len, type(cm).__name__)
class W:
    f = sm
    g = cm
print(W.f('abc'), W().g(), W.g())
class Old:
    def getx(self): return 'gx'
    def setx(self, v): print('sx', v)
    x = property(getx, setx, None, 'doc x')
o = Old()
o.x = 3
print(o.x, Old.x.__doc__)
try:
    del o.x
except AttributeError as e:
    print(type(e).__name__, e)
