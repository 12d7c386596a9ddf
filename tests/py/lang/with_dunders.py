# __enter__/__exit__, exception suppression, several items.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress

with CM('a') as x:
    print('body', x)
with CM('a') as x, CM('b') as y:
    print('body', x, y)
with CM('s', True):
    raise ValueError('swallowed')
print('after suppress')
try:
    with CM('o'), CM('i', True):
        raise KeyError('k')
    print('inner suppressed')
    with CM('o2'), CM('i2'):
        raise KeyError('k2')
except KeyError as e:
    print('caught', e)

def f():
    with CM('r'):
        return 'returned'
print(f())
for i in range(3):
    with CM('loop%d' % i):
        if i == 1:
            continue
        if i == 2:
            break
        print('loop body', i)

class NoExit:
    def __enter__(self): return 1
try:
    with NoExit():
        pass
except TypeError as e:
    print(type(e).__name__, e)
class NoEnter:
    def __exit__(self, *a): pass
try:
    with NoEnter():
        pass
except TypeError as e:
    print(type(e).__name__, e)

class ExitRaises:
    def __enter__(self): return self
    def __exit__(self, *a):
        raise RuntimeError('from exit')
try:
    with ExitRaises():
        raise ValueError('orig')
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)

class Truthy:
    def __enter__(self): pass
    def __exit__(self, *a): return 'yes'
with Truthy():
    1 / 0
print('truthy suppressed')
with CM('tuv') as (p, q, *r):
    print(p, q, r)
class Obj: pass
o = Obj()
with CM('attr') as o.field:
    pass
print(o.field)
