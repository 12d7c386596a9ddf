# Class attribute changes are seen at once through instances and subclasses (the type
# attribute cache is invalidated on every change, including deletion and replacement).
class A:
    x = 1
    def m(self): return 'A.m'
class B(A): pass
class C(B): pass
c = C()
print(c.x, c.m())
A.x = 2; print(c.x, C.x)
B.x = 3; print(c.x, A.x)
del B.x; print(c.x)
A.m = lambda self: 'new'; print(c.m())
del A.m
try: c.m()
except AttributeError as e: print(e)
class D:
    def __del__(self):
        print('del D sees', E.y)
class E:
    y = D()
E.y = 5
print(E.y)
for i in range(5):
    class K: v = i
    print(K().v)
class M(type): pass
class N(metaclass=M): z = 1
N.z = 9; print(N().z)
import gc
def mk():
    class Cyc: pass
    Cyc.me = Cyc
    return Cyc
for i in range(3):
    k = mk(); o = k(); print(o.me is k); del k, o; gc.collect()
class P:
    @property
    def p(self): return 1
print(P().p); P.p = 7; print(P().p)
class Q: pass
q = Q(); q.attr = 1
Q.attr = property(lambda s: 'prop'); print(q.attr)
print(int.__add__(1, 2), str.upper('a'))
class G: pass
class H(G): pass
g = H(); g.a = 1; print(g.a)
G.__getattribute__ = lambda self, n: 'custom ' + n
print(g.a)
del G.__getattribute__
print(g.a)
