# Instance __dict__ is created lazily; class vs instance attributes.
class C:
    x = 1
    def __init__(self):
        pass

c = C()
print(c.__dict__)
c.y = 2
print(c.__dict__)
print(c.x, C.x)
c.x = 10
print(c.x, C.x, sorted(c.__dict__))
del c.x
print(c.x)
try:
    del c.x
except AttributeError as e:
    print(type(e).__name__, e)
C.x = 5
print(c.x)
c.__dict__['z'] = 3
print(c.z)
c.__dict__ = {'w': 4}
print(c.w, hasattr(c, 'y'))
try:
    c.__dict__ = [1]
except TypeError as e:
    print(type(e).__name__, e)
print('x' in C.__dict__, '__init__' in C.__dict__, 'y' in C.__dict__)
print(type(C.__dict__).__name__)
try:
    C.__dict__['q'] = 1
except TypeError as e:
    print(type(e).__name__, e)
setattr(C, 'q', 7)
print(c.q, getattr(c, 'nope', 'default'))
try:
    c.nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    C.nope
except AttributeError as e:
    print(type(e).__name__, e)
class D(C):
    pass
d = D()
print(d.x, D.__dict__.get('x'), D.__name__, D.__qualname__, D.__module__)
print(D.__bases__, C.__bases__)
print(vars(d), vars(c))
