# Generations, thresholds, counts, tracking, finalizers and resurrection.
import gc

gc.disable()
gc.collect()
print("threshold", gc.get_threshold())
gc.set_threshold(500, 5, 5)
print("set", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("tracked: int str tuple-of-ints list dict-empty dict-with-list",
      gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked((1, 2)), gc.is_tracked([]),
      gc.is_tracked({}), gc.is_tracked({"a": []}))

class R:
    saved = None
    def __del__(self):
        print("finalizer runs once")
        R.saved = self

r = R()
r.me = r
del r
print("collected", gc.collect())
print("resurrected alive", R.saved is not None, gc.is_finalized(R.saved))
R.saved = None
print("second collect", gc.collect())

class Plain:
    pass

for n in range(3):
    p = Plain()
    p.me = p
    del p
print("three self-cycles", gc.collect())
stats = gc.get_stats()
print("stats entries", len(stats), sorted(stats[2]))
print("collections counted", stats[2]["collections"] >= 3)

events = []
def cb(phase, info):
    events.append((phase, info["generation"], info["collected"], info["uncollectable"]))
gc.callbacks.append(cb)
q = Plain()
q.me = q
del q
gc.collect(1)
gc.callbacks.remove(cb)
print("callbacks", events)

gc.set_debug(gc.DEBUG_SAVEALL)
z = Plain()
z.me = z
del z
print("saveall", gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
print("debug", gc.get_debug(), gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
gc.garbage.clear()
gc.freeze()
print("frozen count positive", gc.get_freeze_count() > 0)
gc.unfreeze()
print("unfrozen", gc.get_freeze_count())
a = [1]
b = {"x": a}
print("referrers", any(x is b for x in gc.get_referrers(a)), gc.get_referents(b) == [a])
