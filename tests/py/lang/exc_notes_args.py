# add_note/__notes__, args, custom exceptions with extra attributes.
e = ValueError('msg')
print(hasattr(e, '__notes__'))
e.add_note('first')
e.add_note('second')
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(type(err).__name__, err)
try:
    raise e
except ValueError as caught:
    print(caught.__notes__, caught.args)

class AppError(Exception):
    def __init__(self, code, detail='none'):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
    def __str__(self):
        return 'AppError %d: %s' % (self.code, self.detail)
try:
    raise AppError(404, 'not found')
except AppError as a:
    print(a, a.code, a.detail, a.args, repr(a))

class NoSuper(Exception):
    def __init__(self, x):
        self.x = x
n = NoSuper(3)
print(n.args, str(n), repr(n), n.x)

class KwOnly(Exception):
    pass
try:
    KwOnly(a=1)
except TypeError as err:
    print(type(err).__name__, err)

e = Exception(1, 2, 3)
e.args = ('changed',)
print(e, e.args)
e.args = [1, 2]
print(e.args, type(e.args).__name__)
print(str(Exception('one')), str(Exception(('tuple',))), str(Exception()))
class WithNew(Exception):
    def __new__(cls, *args):
        self = super().__new__(cls, *args)
        self.extra = 'n'
        return self
w = WithNew('a')
print(w.extra, w.args)
x = KeyError('k')
x.custom = 1
print(x.custom, vars(x))
class Sub(AppError):
    pass
try:
    raise Sub(1)
except AppError as s:
    print(type(s).__name__, s)
u = UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'invalid start byte')
print(u, u.start, u.end, u.reason)
print(StopIteration(5).value, StopIteration().value)
print(SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
o = OSError(2, 'No such file')
print(o.errno, o.strerror, o, type(o).__name__)
print(KeyError('a').args, AttributeError('m', name='n', obj=1).name)
