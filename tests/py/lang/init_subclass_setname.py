# __init_subclass__ and __set_name__.
class Registry:
    subclasses = []
    def __init_subclass__(cls, tag=None, **kw):
        print('init_subclass', cls.__name__, tag, kw)
        super().__init_subclass__(**kw)
        Registry.subclasses.append((cls.__name__, tag))

class A(Registry, tag='a'):
    pass
class B(A):
    pass
class C(B, tag='c'):
    pass
print(Registry.subclasses)

try:
    class D(Registry, tag='d', extra=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

class Plain:
    pass
try:
    class E(Plain, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

class Named:
    def __set_name__(self, owner, name):
        print('set_name', owner.__name__, name)
        self.owner = owner.__name__
        self.name = name

class Holder:
    first = Named()
    second = Named()
    def method(self):
        pass
print(Holder.first.name, Holder.second.owner)

n = Named()
class Later:
    pass
Later.attr = n
print(hasattr(n, 'name'))

class Bad:
    def __set_name__(self, owner, name):
        raise ValueError('boom ' + name)
try:
    class HasBad:
        x = Bad()
except Exception as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__ if e.__cause__ else None)

class Hook:
    def __init_subclass__(cls):
        cls.marker = cls.__name__.lower()
class H1(Hook): pass
class H2(H1): pass
print(H1.marker, H2.marker, hasattr(Hook, 'marker'))
print(type(Hook.__dict__['__init_subclass__']).__name__)
