# Every binary operator with forward, reflected and in-place dunders.
ops = [('add', '+'), ('sub', '-'), ('mul', '*'), ('matmul', '@'), ('truediv', '/'),
       ('floordiv', '//'), ('mod', '%'), ('pow', '**'), ('lshift', '<<'),
       ('rshift', '>>'), ('and', '&'), ('or', '|'), ('xor', '^')]

class V:
    def __init__(self, tag): self.tag = tag
    def __repr__(self): return 'V(%s)' % self.tag

def make(name):
    def fwd(self, other): return '%s.__%s__(%r)' % (self.tag, name, other)
    def rev(self, other): return '%s.__r%s__(%r)' % (self.tag, name, other)
    def inp(self, other): return '%s.__i%s__(%r)' % (self.tag, name, other)
    return fwd, rev, inp
for name, sym in ops:
    f, r, i = make(name)
    setattr(V, '__%s__' % name, f)
    setattr(V, '__r%s__' % name, r)
    setattr(V, '__i%s__' % name, i)

v = V('v')
for name, sym in ops:
    print(sym, eval('v %s 1' % sym), '|', eval('1 %s v' % sym))
    x = v
    exec('x %s= 2' % sym)
    print(' ', x)

class NoInplace:
    def __add__(self, o): return 'add'
n = NoInplace()
n += 1
print(n)

class NI:
    def __add__(self, o): return NotImplemented
    def __radd__(self, o): return NotImplemented
    def __iadd__(self, o): return NotImplemented
try:
    NI() + NI()
except TypeError as e:
    print(type(e).__name__, e)
try:
    x = NI()
    x += 1
except TypeError as e:
    print(type(e).__name__, e)

class Fallback:
    def __iadd__(self, o): return NotImplemented
    def __add__(self, o): return 'used __add__'
f = Fallback()
f += 1
print(f)

class Base:
    def __add__(self, o): return 'Base.add'
    def __radd__(self, o): return 'Base.radd'
class Sub(Base):
    def __radd__(self, o): return 'Sub.radd'
print(Base() + Sub())
print(Sub() + Base())
class Sub2(Base):
    pass
print(Base() + Sub2())

print(3 ** V('p'), pow(V('q'), 2))
try:
    pow(V('r'), 2, 5)
except TypeError as e:
    print(type(e).__name__, e)
for sym in ['+', '-', '*', '@', '/', '//', '%', '**', '<<', '>>', '&', '|', '^']:
    try:
        eval('object() %s 1' % sym)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    x = [1]
    x -= 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    'a' + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 + 'a'
except TypeError as e:
    print(type(e).__name__, e)
try:
    [] * 2.5
except TypeError as e:
    print(type(e).__name__, e)

class Neg:
    def __neg__(self): return 'neg'
    def __pos__(self): return 'pos'
    def __invert__(self): return 'inv'
    def __abs__(self): return 'abs'
print(-Neg(), +Neg(), ~Neg(), abs(Neg()))
try:
    -object()
except TypeError as e:
    print(type(e).__name__, e)
try:
    ~1.5
except TypeError as e:
    print(type(e).__name__, e)
