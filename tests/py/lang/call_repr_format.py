# __call__, __repr__/__str__/__format__.
class F:
    def __call__(self, *a, **k):
        return ('called', a, k)
print(F()(1, x=2))
print(callable(F()), callable(F), callable(1), callable(len))
try:
    five = 5
    five()
except TypeError as e:
    print(type(e).__name__, e)
try:
    s = 'abc'
    s()
except TypeError as e:
    print(type(e).__name__, e)
class NotCallable:
    pass
try:
    NotCallable()()
except TypeError as e:
    print(type(e).__name__, e)

class R:
    def __repr__(self): return 'R-repr'
class S:
    def __str__(self): return 'S-str'
class RS:
    def __repr__(self): return 'RS-repr'
    def __str__(self): return 'RS-str'
print(R(), str(R()), repr(R()), [R()], '%s %r' % (R(), R()))
print(str(RS()), repr(RS()), [RS()], f'{RS()} {RS()!r}', (RS(),), {'k': RS()})
print(str(S()), repr(S()).startswith('<__main__.S object at'))
class BadRepr:
    def __repr__(self): return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
class BadStr:
    def __str__(self): return None
try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)

class Fm:
    def __format__(self, spec):
        return 'Fm[%s]' % spec
print(format(Fm(), 'xyz'), f'{Fm():>10}', '{:abc}'.format(Fm()), f'{Fm()}')
try:
    format(object(), 'd')
except TypeError as e:
    print(type(e).__name__, e)
print(format(R(), ''), f'{R()!s:>8}|')
class BadFmt:
    def __format__(self, spec): return 1
try:
    format(BadFmt())
except TypeError as e:
    print(type(e).__name__, e)
class IntSub(int):
    def __repr__(self): return 'IntSub!'
print(IntSub(3), repr(IntSub(3)), f'{IntSub(3)}', str(IntSub(3)), '%d' % IntSub(3))
class StrSub(str):
    def __str__(self): return 'custom'
print(StrSub('x'), str(StrSub('x')), StrSub('x') + 'y', f'{StrSub("x")}')
print(ascii('é'), repr('é'), ascii(RS()))
