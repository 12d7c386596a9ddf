# Recursion through __del__: a 100000-long chain of objects with finalizers, and finalizers
# that create objects whose finalizers run in turn; all end cleanly.
import sys
class D:
    def __init__(self, nxt): self.nxt = nxt
    def __del__(self):
        self.nxt = None
head = None
for i in range(100000):
    head = D(head)
del head
print("deleted chain")
class R:
    def __del__(self):
        r = R.__new__(R)
        try:
            del r
        except RecursionError:
            pass
depth = []
class Deep:
    def __del__(self):
        depth.append(1)
        if len(depth) < 5000:
            Deep()
Deep()
print("nested finalizers", len(depth))
