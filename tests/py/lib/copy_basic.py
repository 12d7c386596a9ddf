# copy: shallow and deep copies of containers, instances, slots, cycles, __copy__/__deepcopy__/__reduce__.
import copy
a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
print(b == a, b is a, b[1] is a[1], c[1] is a[1], c[2]['k'] is a[2]['k'], c == a)
t = (1, 2, (3, 4)); print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2]); d2 = copy.deepcopy(t2); print(d2 == t2, d2 is t2, d2[1] is t2[1])
cyc = [1]; cyc.append(cyc); dc = copy.deepcopy(cyc); print(dc[1] is dc, dc is not cyc)
class P:
    def __init__(self, x, y): self.x, self.y = x, y
    def __repr__(self): return 'P(%r, %r)' % (self.x, self.y)
p = P([1], 2); q = copy.copy(p); r = copy.deepcopy(p)
print(q, r, q.x is p.x, r.x is p.x, type(r) is P)
class S:
    __slots__ = ('a', 'b')
s = S(); s.a = [1]; s2 = copy.deepcopy(s); print(s2.a, s2.a is s.a, hasattr(s2, 'b'))
class C:
    def __init__(self): self.n = 0
    def __copy__(self):
        print('custom copy'); r = C(); r.n = self.n + 1; return r
    def __deepcopy__(self, memo):
        print('custom deepcopy', type(memo).__name__); return 'deep!'
print(copy.copy(C()).n, copy.deepcopy(C()), copy.deepcopy([C(), C()]))
shared = [0]; pair = [shared, shared]; dp = copy.deepcopy(pair); print(dp[0] is dp[1])
print(copy.copy({1, 2}), copy.deepcopy(frozenset([1])), copy.copy(bytearray(b'x')), copy.deepcopy({'a': (1, [2])}))
class L(list): pass
l = L([1, [2]]); l.attr = 'v'; l2 = copy.deepcopy(l); print(type(l2).__name__, l2, l2.attr, l2[1] is l[1])
l3 = copy.copy(l); print(type(l3).__name__, l3, l3[1] is l[1])
class R:
    def __init__(self, v): self.v = v
    def __reduce__(self): return (R, (self.v * 2,))
print(copy.copy(R(2)).v, copy.deepcopy(R(3)).v)
print(copy.deepcopy(len) is len, copy.copy(int) is int, copy.Error)
def f(): pass
print(copy.deepcopy(f) is f, copy.copy(None), copy.deepcopy(1.5))
