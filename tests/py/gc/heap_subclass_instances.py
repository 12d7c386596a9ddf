# Instances of heap subclasses of int, str, float and tuple are tracked by the collector
# (CPython gives heap types GC support), so cycles through them are collected.
import gc

freed = []
class I(int):
    def __del__(self): freed.append('I')
class S(str):
    def __del__(self): freed.append('S')
class F(float):
    def __del__(self): freed.append('F')
class T(tuple): pass

print(gc.is_tracked(I(1)), gc.is_tracked(1), gc.is_tracked(S('x')), gc.is_tracked(F(1.5)), gc.is_tracked(T()))
freed.clear()
for cls, arg in [(I, 7), (S, 'v'), (F, 2.5)]:
    x = cls(arg)
    x.me = x
    del x
    gc.collect()
    print(cls.__name__, freed)

class Holder:
    pass
Holder.value = I(3)
Holder.value.owner = Holder
del Holder
gc.collect()
print("class cycle", freed)
