# Self-referencing containers in repr, ==, sort and hash; a dict mutated by __eq__
# during a lookup; lists mutated during sort and iteration.
l = [1]; l.append(l); print(repr(l)); print(l == l)
d = {}; d['d'] = d; print(d)
t = [l]; 
try: print(sorted([l, l]))
except TypeError as e: print(e)
try: hash(l)
except TypeError as e: print(e)
a = []; b = []; a.append(b); b.append(a)
try: print(a == b)
except RecursionError as e: print("RecursionError", e)
class K:
    def __init__(self, d): self.d = d
    def __hash__(self): return 1
    def __eq__(self, o):
        self.d.clear()
        return False
d = {}
d[K(d)] = 1
try:
    print(d.get(K(d)))
except RuntimeError as e: print(e)
print(len(d))
lst = list(range(10))
try:
    lst.sort(key=lambda x: lst.append(x) or x)
except ValueError as e: print(e)
lst = [1, 2, 3]
for x in lst:
    if len(lst) < 10: lst.append(x)
print(lst)
