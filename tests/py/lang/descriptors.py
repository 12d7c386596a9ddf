# Descriptor protocol: data vs non-data precedence, __set_name__, __delete__.
class NonData:
    def __get__(self, obj, owner):
        return ('nondata', obj is None, owner.__name__)

class Data:
    def __set_name__(self, owner, name):
        print('set_name', owner.__name__, name)
        self.name = '_' + name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return ('data', getattr(obj, self.name, None))
    def __set__(self, obj, value):
        print('__set__', value)
        obj.__dict__[self.name] = value
    def __delete__(self, obj):
        print('__delete__')
        del obj.__dict__[self.name]

class SetOnly:
    def __set__(self, obj, value):
        print('SetOnly.__set__', value)

class C:
    nd = NonData()
    d = Data()
    so = SetOnly()

c = C()
print(c.nd, C.nd)
c.__dict__['nd'] = 'instance wins'
print(c.nd)
c.d = 1
c.__dict__['d'] = 'ignored'
print(c.d)
print(type(C.d).__name__)
del c.d
print(c.d)
c.so = 5
print(isinstance(C.__dict__['so'], SetOnly), c.so is C.__dict__['so'])
c.__dict__['so'] = 'inst'
print(c.so)
try:
    del c.nd2
except AttributeError as e:
    print(type(e).__name__, e)

class NoDelete:
    def __get__(self, obj, owner): return 1
    def __set__(self, obj, v): pass
class E:
    x = NoDelete()
try:
    del E().x
except AttributeError as e:
    print(type(e).__name__, e)

class Meta(type):
    pass
class Owner:
    a = Data()
    b = Data()
print(Owner.a.name, Owner.b.name)

def fn(self): return 'fn'
print(fn.__get__(c)())

class Typed:
    def __init__(self, t): self.t = t
    def __set_name__(self, owner, name): self.n = name
    def __get__(self, obj, owner): return obj.__dict__.get(self.n, 0) if obj else self
    def __set__(self, obj, v):
        if not isinstance(v, self.t):
            raise TypeError('%s must be %s' % (self.n, self.t.__name__))
        obj.__dict__[self.n] = v
class P:
    age = Typed(int)
p = P()
p.age = 3
print(p.age)
try:
    p.age = 'x'
except TypeError as e:
    print(type(e).__name__, e)
