# __class__ assignment.
class A:
    def who(self): return 'A'
class B:
    def who(self): return 'B'
a = A()
a.val = 1
print(a.who(), type(a).__name__)
a.__class__ = B
print(a.who(), type(a).__name__, isinstance(a, B), a.val)
try:
    a.__class__ = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    a.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).__class__ = bool
except TypeError as e:
    print(type(e).__name__, e)
class S1:
    __slots__ = ('x',)
class S2:
    __slots__ = ('y',)
s = S1()
try:
    s.__class__ = S2
except TypeError as e:
    print(type(e).__name__, e)
print(a.__class__ is B, A().__class__.__name__)
