# __new__ / __init__ interplay.
class A:
    def __new__(cls, *args, **kw):
        print('A.__new__', cls.__name__, args, kw)
        return super().__new__(cls)
    def __init__(self, x, y=0):
        print('A.__init__', x, y)
        self.x = x

a = A(1, y=2)
print(a.x)

class Other:
    pass
class B:
    def __new__(cls):
        print('B.__new__')
        return Other()
    def __init__(self):
        print('B.__init__ never')
b = B()
print(type(b).__name__)

class C(A):
    def __new__(cls, x):
        print('C.__new__')
        return A.__new__(cls, x)
c = C(7)
print(type(c).__name__, c.x)

class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self):
        print('init again')
print(Single() is Single())

class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(NoInit, 1)
except TypeError as e:
    print(type(e).__name__, e)

class OnlyInit:
    def __init__(self, a):
        self.a = a
try:
    OnlyInit()
except TypeError as e:
    print(type(e).__name__, e)
try:
    OnlyInit(1, 2)
except TypeError as e:
    print(type(e).__name__, e)

class InitReturns:
    def __init__(self):
        return 5
try:
    InitReturns()
except TypeError as e:
    print(type(e).__name__, e)

class SubInt(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 10)
print(SubInt(4), type(SubInt(4)).__name__)

class Tup(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
t = Tup(1, 2)
print(t, len(t), type(t).__name__)
