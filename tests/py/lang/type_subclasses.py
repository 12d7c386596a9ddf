# type.__subclasses__(): direct subclasses in creation order; freed classes drop out.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print(A.__subclasses__(), B.__subclasses__(), D.__subclasses__())
del C
import gc; gc.collect()
print(A.__subclasses__(), [c.__name__ for c in C.__subclasses__()] if 'C' in dir() else None)
print(bool in int.__subclasses__(), type.__subclasses__(B))
def make():
    class T(A): pass
    return T
for i in range(3): make()
gc.collect()
print(len(A.__subclasses__()))
