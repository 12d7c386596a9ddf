# Exceptions from __del__, __eq__, __hash__, weakref callbacks and gc callbacks;
# gc.collect() from __del__ and from a gc callback.
import gc, weakref
class D:
    def __del__(self): raise ValueError("del")
D()
class E:
    def __eq__(self, o): raise KeyError("eq")
    def __hash__(self): return 1
try: {E(): 1}[E()]
except KeyError as e: print("KeyError", e)
class Hh:
    def __hash__(self): raise TypeError("nohash")
try: {Hh(): 1}
except TypeError as e: print(e)
class W: pass
w = W()
r = weakref.ref(w, lambda r: 1/0)
del w
def cb(phase, info): raise RuntimeError("cb")
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
finalized = []
class G:
    def __del__(self):
        gc.collect()
        finalized.append(1)
g = G(); g.self = g
del g
gc.collect()
print("finalized", finalized)
def cb2(phase, info):
    if phase == 'start': gc.collect()
gc.callbacks.append(cb2)
print(gc.collect() >= 0)
gc.callbacks.remove(cb2)
print("end")
