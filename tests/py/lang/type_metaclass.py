# Three-argument type() and metaclasses with __new__ and __call__.
def init(self, v):
    self.v = v
T = type('T', (), {'x': 1, '__init__': init, 'get': lambda self: self.v})
t = T(5)
print(T.__name__, T.x, t.get(), type(t).__name__, T.__bases__)
U = type('U', (T,), {})
print(U(3).get(), [k.__name__ for k in U.__mro__])
print(type(t) is T, type(T) is type, type(type) is type)
try:
    type('X', 1, {})
except TypeError as e:
    print(type(e).__name__, e)
try:
    type('X', (), [])
except TypeError as e:
    print(type(e).__name__, e)
try:
    type('X', ())
except TypeError as e:
    print(type(e).__name__, e)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print('Meta.__new__', mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith('__')), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.created_by = mcls.__name__
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print('Meta.__init__', name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        print('Meta.__call__', cls.__name__, args)
        inst = super().__call__(*args, **kw)
        inst.via_meta = True
        return inst
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print('prepare', name)
        return {'prepared': True}

class K(metaclass=Meta, flag=1):
    def __init__(self, a):
        self.a = a
    def meth(self):
        pass

k = K(4)
print(k.a, k.via_meta, K.created_by, K.prepared, type(K).__name__)
class K2(K):
    pass
print(type(K2).__name__, isinstance(K2, Meta))

class Counting(type):
    count = 0
    def __call__(cls, *a):
        Counting.count += 1
        return super().__call__(*a)
class W(metaclass=Counting):
    pass
W(); W()
print(Counting.count)

class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
try:
    class Both(A1, A2): pass
except TypeError as e:
    print(type(e).__name__, e)

class MetaAttr(type):
    def hello(cls):
        return 'hello from ' + cls.__name__
class Z(metaclass=MetaAttr): pass
print(Z.hello())
print(hasattr(Z(), 'hello'))
print(type.__call__(Z).__class__.__name__)
