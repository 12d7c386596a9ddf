# gc.set_debug: the lines CPython prints to stderr for DEBUG_STATS, DEBUG_COLLECTABLE,
# DEBUG_SAVEALL and DEBUG_LEAK.
import gc
class A: pass
gc.collect()
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
a = A(); a.self = a
l = [1]; l.append(l)
del a, l
print(gc.collect())
gc.set_debug(gc.DEBUG_SAVEALL)
d = {}; d['d'] = d
del d
print(gc.collect(), len(gc.garbage), type(gc.garbage[0]))
gc.garbage.clear()
gc.set_debug(gc.DEBUG_LEAK)
a = A(); a.self = a
del a
print(gc.collect(0))
gc.set_debug(0)
gc.garbage.clear()
