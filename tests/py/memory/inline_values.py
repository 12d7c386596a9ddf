# Instance attributes kept inline (values under the class's shared keys) behave as an
# instance dict would: order, deletion, __dict__, __class__, referents, collection.
class P:
    def __init__(self, a, b):
        self.a = a; self.b = b
p = P(1, 2)
print(p.a, p.b, vars(p))
q = P(3, 4); q.c = 5; print(q.__dict__)
r = P(5, 6); del r.a; print(r.__dict__); r.a = 7; print(r.__dict__, r.a)
class Q: pass
x = Q(); x.z = 1; x.y = 2
y = Q(); y.y = 3; y.z = 4
print(x.__dict__, y.__dict__)
z = Q(); z.y = 1
print(getattr(z, 'y'), getattr(z, 'z', 'none'))
try: z.z
except AttributeError as e: print(e)
setattr(z, 'w' + 'q', 9); print(z.wq, z.__dict__)
class R(Q): pass
o = Q(); o.y = 10; o.__class__ = R; print(o.y, o.__dict__)
o2 = Q(); o2.y = 1; o2.__dict__ = {'k': 2}; print(o2.k, hasattr(o2, 'y'))
class S(str): pass
o3 = Q(); setattr(o3, S('abc'), 1); print(o3.abc, o3.__dict__)
many = Q()
for i in range(40): setattr(many, 'a%d' % i, i)
print(len(vars(many)), many.a39, list(vars(many))[:3])
print(dir(x)[-2:])
import gc
class Cyc: pass
a = Cyc(); b = Cyc(); a.o = b; b.o = a
del a, b
print(gc.collect())
class D:
    def __del__(self): print('del', self.n)
d = D(); d.n = 1; d.m = 2
del d
class M:
    def f(self): return 'method'
m = M(); print(m.f()); m.f = lambda: 'inst'; print(m.f())
class A:
    __slots__ = ('s', '__dict__')
a = A(); a.s = 'slotv'; a.x = 'xv'; a.y = 'yv'
print([r if isinstance(r, str) else type(r).__name__ for r in gc.get_referents(a)])
class B: pass
b = B(); b.p = 1.5; b.q = 'q'
print([r if isinstance(r, str) else type(r).__name__ for r in gc.get_referents(b)])
b.__dict__
print([r if isinstance(r, str) else type(r).__name__ for r in gc.get_referents(b)])
c = B(); c.q = 'q2'; c2 = B(); c2.p = 'p2'; c2.q = 'q3'
print([r if isinstance(r, str) else type(r).__name__ for r in gc.get_referents(c2)])
class G: pass
warm = G(); warm.a = 0; warm.b = [0]
gc.collect(); gc.disable()
objs = []
for n in (1, 5, 50):
    before = gc.get_count()[0]
    for i in range(n):
        g = G(); g.a = i; g.b = [i]; objs.append(g)
    if n > 1:
        print('allocations counted', n, gc.get_count()[0] - before)
gc.enable()
k = G(); k.a = 1; k.b = 2; del k.a; k.a = 3
print(list(vars(k).items()), gc.is_tracked(vars(k)))
class A:
    def __init__(self, x):
        self.x = x
        self.y = x * 2
    def get(self):
        return self.x + self.y
    def m(self): return 'method'
objs = [A(i) for i in range(5)]
objs[1].__dict__            # dict mode
del objs[2].y               # dict mode via delete
objs[3].z = 9
objs[4].m = lambda: 'shadow'
out = []
for rep in range(3):
    for o in objs:
        try:
            out.append(o.get())
        except AttributeError as e:
            out.append(str(e))
        out.append(o.m())
        o.x = o.x + 1
print(out)
print([vars(o) for o in objs[:4]])
class B(A): pass
b = B(1); b.w = 5
for o in [objs[0], b, objs[1], b]:
    print(o.x, getattr(o, 'w', None))
class C:
    pass
c1 = C(); c1.a = 1; c1.b = 2
c2 = C(); c2.b = 3; c2.a = 4   # order violation → dict
def rd(o): return (o.a, o.b)
def wr(o, v): o.a = v; o.b = v
for o in (c1, c2, c1, c2):
    wr(o, rd(o)[0] + 1)
    print(rd(o), list(vars(o)))
c3 = C()
try: rd(c3)
except AttributeError as e: print(e)
c3.b = 1
try: rd(c3)
except AttributeError as e: print(e)
import gc
class D:
    alive = 0
    def __init__(self):
        self.me = self; self.other = [self]
        D.alive += 1
    def __del__(self):
        D.alive -= 1
for i in range(100): D()
gc.collect()
print('cycles left', D.alive)
class M:
    def f(self): return 1
def call(o): return o.f()
m = M(); m.x = 0
print([call(m) for i in range(3)])
m.f = lambda: 2
print(call(m), call(M()))
m3 = M(); m3.__dict__['f'] = lambda: 3
print(call(m3), call(m))
class N(M): pass
n = N(); print(call(n)); N.f = lambda self: 4; print(call(n), call(m))
