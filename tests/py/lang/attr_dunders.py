# __getattr__, __getattribute__, __setattr__, __delattr__.
class G:
    x = 1
    def __getattr__(self, name):
        print('getattr', name)
        if name.startswith('no'):
            raise AttributeError(name)
        return name * 2
g = G()
print(g.x, g.abc)
print(getattr(g, 'nope', 'dflt'), hasattr(g, 'nope'), hasattr(g, 'yes'))

class GA:
    def __init__(self):
        self.real = 'r'
    def __getattribute__(self, name):
        print('getattribute', name)
        if name == 'magic':
            return 42
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        print('fallback', name)
        return 'fb'
ga = GA()
print(ga.real, ga.magic, ga.missing)

class SA:
    def __setattr__(self, name, value):
        print('setattr', name, value)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        print('delattr', name)
        object.__delattr__(self, name)
sa = SA()
sa.a = 5
print(sa.a, sa.__dict__)
setattr(sa, 'b', 1)
del sa.a
delattr(sa, 'b')
print(sa.__dict__)
try:
    del sa.zz
except AttributeError as e:
    print(type(e).__name__, e)

class Frozen:
    def __init__(self):
        object.__setattr__(self, 'v', 1)
    def __setattr__(self, n, v):
        raise AttributeError("can't set %s" % n)
fz = Frozen()
try:
    fz.v = 2
except AttributeError as e:
    print(type(e).__name__, e)
print(fz.v)

class PropErr:
    @property
    def p(self):
        raise AttributeError('inside property')
    def __getattr__(self, name):
        return 'getattr for ' + name
print(PropErr().p)

try:
    object().foo = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (1).real = 2
except AttributeError as e:
    print(type(e).__name__, e)
try:
    'x'.nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(g, 5)
except TypeError as e:
    print(type(e).__name__, e)
class Slotless: pass
s = Slotless()
try:
    s.missing_attr
except AttributeError as e:
    print(type(e).__name__, e)
try:
    list.nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    int.real = 5
except TypeError as e:
    print(type(e).__name__, e)
