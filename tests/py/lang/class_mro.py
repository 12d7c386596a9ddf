# Single and multiple inheritance with C3 linearisation.
class A:
    def who(self): return 'A'
class B(A):
    def who(self): return 'B' + super().who()
class C(A):
    def who(self): return 'C' + super().who()
class D(B, C):
    def who(self): return 'D' + super().who()

print([k.__name__ for k in D.__mro__])
print([k.__name__ for k in D.mro()])
print(D().who())
print(issubclass(D, A), issubclass(A, D), isinstance(D(), C))

class O: pass
class X(O): pass
class Y(O): pass
class Z(O): pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class M(K1, K2, K3): pass
print([k.__name__ for k in M.__mro__])

try:
    class Bad(A, B): pass
except TypeError as e:
    print(type(e).__name__, e)

class P: pass
class Q(P): pass
try:
    class R(P, Q): pass
except TypeError as e:
    print(type(e).__name__, e)

try:
    class Dup(A, A): pass
except TypeError as e:
    print(type(e).__name__, e)

try:
    class FromInt(3): pass
except TypeError as e:
    print(type(e).__name__, e)

class S(int, A): pass
print([k.__name__ for k in S.__mro__])
print(object.__mro__ == (object,))
print(type.__mro__ == (type, object))
