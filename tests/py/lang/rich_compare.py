# Rich comparisons, their reflection, and hashability.
class C:
    def __init__(self, v): self.v = v
    def __repr__(self): return 'C%d' % self.v
    def __eq__(self, o):
        print('eq', self, o)
        return NotImplemented if not isinstance(o, C) else self.v == o.v
    def __lt__(self, o):
        print('lt', self, o)
        return NotImplemented if not isinstance(o, C) else self.v < o.v
    def __gt__(self, o):
        print('gt', self, o)
        return NotImplemented if not isinstance(o, C) else self.v > o.v

a, b = C(1), C(2)
print(a < b)
print(a > b)
print(b > a)
print(a == C(1))
print(a != C(1))
print(a == 1)
print(1 == a)
try:
    a <= b
except TypeError as e:
    print(type(e).__name__, e)
try:
    a < 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 < a
except TypeError as e:
    print(type(e).__name__, e)

class D(C):
    def __lt__(self, o):
        print('D.lt', self, o)
        return True
    def __gt__(self, o):
        print('D.gt', self, o)
        return False
print(C(5) < D(6))
print(C(5) > D(6))

try:
    hash(C(1))
except TypeError as e:
    print(type(e).__name__, e)
print(C.__hash__)
try:
    {C(1)}
except TypeError as e:
    print(type(e).__name__, e)

class H:
    def __eq__(self, o): return True
    __hash__ = object.__hash__
print(H() == 3, type(hash(H())).__name__)

class K:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, K) and self.v == o.v
    def __hash__(self): return hash(self.v)
print(len({K(1), K(1), K(2)}), K(1) in [K(0), K(1)])

class NoHash:
    __hash__ = None
try:
    hash(NoHash())
except TypeError as e:
    print(type(e).__name__, e)
class Sub(K):
    def __eq__(self, o): return False
print(Sub.__hash__)

print([1, 2] < [1, 3], (1, 2) <= (1, 2), 'abc' > 'abd')
try:
    [1] < (1,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    None < None
except TypeError as e:
    print(type(e).__name__, e)
print(1 < 2 < 3, 1 < 3 < 2)
print(float('nan') == float('nan'), [float('nan')] == [float('nan')])
x = float('nan')
print([x] == [x])
class NeOnly:
    def __eq__(self, o): return 'eqresult'
print(NeOnly() != 1, NeOnly() == 1)
