# weakref semantics: callbacks, proxies, containers, finalize.
import gc
import weakref

class T:
    def __init__(self, n):
        self.n = n

t = T(1)
r = weakref.ref(t, lambda ref: print("callback", ref() is None))
print(r() is t, r.__callback__ is not None, weakref.getweakrefcount(t))
del t
print("after del", r())
print("cannot ref a list:", end=" ")
try:
    weakref.ref([])
except TypeError as e:
    print(e)
u = T(2)
p = weakref.proxy(u)
print("proxy reads", p.n)
p.n = 5
print("proxy writes", u.n)
del u
try:
    p.n
except ReferenceError as e:
    print("ReferenceError", e)
calls = []
class F:
    pass
f = F()
fin = weakref.finalize(f, calls.append, "finalized")
print("alive", fin.alive)
del f
print("calls", calls, "alive", fin.alive)
wv = weakref.WeakValueDictionary()
keep = T(3)
wv["a"] = keep
wv["b"] = T(4)
print("weak values", sorted(wv.keys()))
ws = weakref.WeakSet([keep])
print("weakset", len(ws), keep in ws)
gc.collect()
