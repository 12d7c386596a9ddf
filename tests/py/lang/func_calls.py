# Defaults evaluated once, call-site * and ** unpacking, duplicate keyword errors.
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2), append_to(3, []))
print(append_to.__defaults__)
counter = 0
def default_expr():
    global counter
    counter += 1
    return counter
def uses(v=default_expr()):
    return v
print(uses(), uses(), counter)

def f(*args, **kw):
    return args, kw
print(f(*[1, 2], *(3,), *'ab'))
print(f(**{'a': 1}, **{'b': 2}, c=3))
print(f(1, *[2], x=1, **{'y': 2}))
print(f(*range(3), *{}.keys()))
def show(thunk):
    try:
        print(thunk())
    except TypeError as e:
        print(type(e).__name__ + ':', e)
show(lambda: f(**{'a': 1}, a=2))
show(lambda: f(a=1, **{'a': 2}))
show(lambda: f(**{'a': 1}, **{'a': 2}))
show(lambda: f(**{1: 2}))
show(lambda: f(*5))
show(lambda: f(**[1]))
show(lambda: f(**None))
def g(a, b):
    return a, b
show(lambda: g(1, **{'a': 2}))
show(lambda: g(*[1], **{'b': 2}))
show(lambda: g(*[1, 2, 3]))
class Mapping:
    def keys(self): return ['k1', 'k2']
    def __getitem__(self, k): return k.upper()
print(f(**Mapping()))
from_dict = dict(a=1)
print(f(**from_dict), from_dict)
def kw_mutate(**kw):
    kw['new'] = 1
    return kw
d = {'x': 0}
print(kw_mutate(**d), d)
def args_type(*a):
    return type(a).__name__
print(args_type(*[1]))
print((lambda *a, **k: (a, k))(1, k=2))
print(print.__name__, max(*[1, 5, 3]), max([1, 5, 3], key=lambda v: -v))
show(lambda: max())
show(lambda: max(1))
show(lambda: sorted([3, 1], lambda v: v))
