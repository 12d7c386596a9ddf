# Subclasses of property, staticmethod and classmethod, with and without their own __get__/__init__.
class P(property):
    pass
class classproperty(property):
    def __get__(self, obj, owner):
        return self.fget(owner)
class Logged(property):
    def __init__(self, fget, label="x"):
        super().__init__(fget)
        self.label = label
class C:
    @P
    def x(self):
        "doc of x"
        return 1
    @x.setter
    def x(self, v):
        print("set", v)
    @classproperty
    def name(cls):
        return cls.__name__
    @Logged
    def y(self):
        return 2
c = C()
print(c.x, type(C.__dict__['x']).__name__, C.x.__doc__)
c.x = 5
print(C.name, c.name, c.y, C.__dict__['y'].label)
try:
    del c.x
except AttributeError as e:
    print(e)
class S(staticmethod): pass
class K(classmethod):
    def __get__(self, obj, owner=None):
        print("K get")
        return super().__get__(obj, owner)
class D:
    @S
    def f(a): return a * 2
    @K
    def g(cls): return cls.__name__
print(D.f(3), D().f(4), D.g(), isinstance(D.__dict__['f'], staticmethod))
p = property(lambda s: 1)
print(p.fget is not None, p.fset, property().fget)
try:
    class Bad(type(len)): pass
except TypeError as e:
    print(e)
