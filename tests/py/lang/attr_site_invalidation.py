# Attribute loads and stores from one instruction see every change to the class, its
# bases, the instance and its dict, whatever that instruction saw before.
import sys

def get_x(o):
    return o.x

def set_x(o, v):
    o.x = v

def call_m(o):
    return o.m()

class A:
    def m(self):
        return "A.m"

a = A()
a.x = 1
print(get_x(a), get_x(a))
# A property appears on the class: it now shadows the instance dict.
A.x = property(lambda self: "prop")
print(get_x(a))
try:
    set_x(a, 5)
except AttributeError as e:
    print("AttributeError:", e)
del A.x
print(get_x(a))
set_x(a, 2)
print(get_x(a), a.__dict__)

# A data descriptor with __set__ on a base class, added later.
class Base:
    pass

class Sub(Base):
    pass

s = Sub()
set_x(s, 10)
print(get_x(s))

class Loud:
    def __get__(self, obj, owner):
        return "loud get"
    def __set__(self, obj, value):
        print("loud set", value)

Base.x = Loud()
print(get_x(s))
set_x(s, 11)
del Base.x
print(get_x(s), s.__dict__)

# Methods: replaced on the class, shadowed by the instance, deleted.
print(call_m(a), call_m(a))
A.m = lambda self: "new A.m"
print(call_m(a))
a.m = lambda: "instance m"
print(call_m(a))
del a.m
print(call_m(a))
bound = (lambda o: o.m)(a)
print(type(bound).__name__, bound())
del A.m
try:
    call_m(a)
except AttributeError as e:
    print("AttributeError:", e)
A.m = lambda self: "again"
print(call_m(a))

# __getattr__, __getattribute__ and __setattr__ arriving later.
class G:
    pass

g = G()
g.x = "plain"
print(get_x(g))
del g.x
G.__getattr__ = lambda self, name: "fallback " + name
print(get_x(g))
G.__getattribute__ = lambda self, name: "intercepted " + name
print(get_x(g))
del G.__getattribute__
del G.__getattr__
G.__setattr__ = lambda self, name, value: print("setattr", name, value)
set_x(g, 3)
del G.__setattr__
set_x(g, 4)
print(get_x(g))

# __class__ assignment and a replaced __dict__.
class P:
    x = "class P"

class Q:
    def m(self):
        return "Q.m"

o = Q()
o.x = "inst"
print(get_x(o), call_m(o))
o.__class__ = P
print(get_x(o))
del o.x
print(get_x(o))
try:
    call_m(o)
except AttributeError as e:
    print("AttributeError:", e)
o.__class__ = Q
o.__dict__ = {"x": "new dict"}
print(get_x(o), call_m(o))
set_x(o, "stored")
print(o.__dict__)

# Missing attributes still raise with CPython's message.
class E:
    pass

e = E()
for i in range(3):
    try:
        get_x(e)
    except AttributeError as err:
        print("AttributeError:", err)
    set_x(e, i)
print(get_x(e))

# Slots and class-level attributes.
class S:
    __slots__ = ("x",)

t = S()
set_x(t, "slot")
print(get_x(t))
class C2:
    x = "class attr"
c = C2()
print(get_x(c))
set_x(c, "inst attr")
print(get_x(c), C2.x)

# Many types through one site.
objs = [A(), Sub(), G(), Q(), E(), C2()]
for i, ob in enumerate(objs * 2):
    set_x(ob, i)
print([get_x(ob) for ob in objs])

# The refcount of a value read through a site is the generic path's.
class R:
    pass

r = R()
val = object()
r.v = val
def read(o):
    return o.v
for _ in range(3):
    read(r)
print(sys.getrefcount(val))

# One site meeting instances of a class and of its subclass with __slots__ (whose
# instances keep their slots before the values): each type's position is its own.
class Plain:
    def __init__(self):
        self.x = "px"
        self.y = "py"
class Slotted(Plain):
    __slots__ = ("s", "t")
    def __init__(self):
        self.s = "ss"
        self.t = "st"
        super().__init__()
def get_y(o):
    return o.y
def set_y(o, v):
    o.y = v
objs = [Plain(), Slotted(), Plain(), Slotted()]
for i, o in enumerate(objs):
    set_y(o, i)
    print(type(o).__name__, get_y(o), o.x, getattr(o, "s", "-"), getattr(o, "t", "-"))
