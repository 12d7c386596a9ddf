# Set insertion with keys whose __eq__ runs: the comparisons made, and an __eq__ that
# empties the set while the insertion is under way.
class K:
    def __init__(self, v, log):
        self.v = v; self.log = log
    def __hash__(self):
        return 1
    def __eq__(self, o):
        self.log.append((self.v, getattr(o, 'v', o)))
        return isinstance(o, K) and self.v == o.v
log = []
s = set()
for v in [1, 2, 1, 3, 2]:
    s.add(K(v, log))
print(len(s), log)
s2 = {1, 2, 3}
s2.add(2); s2.add(4); s2.add("x"); s2.add("x"); s2.add(1.0); s2.add(True)
print(sorted(map(str, s2)), len(s2))
class M:
    def __hash__(self): return 7
    def __eq__(self, o):
        t.clear()
        return False
t = set()
t.add(M()); t.add(M())
print(len(t))
fs = frozenset([1,2]) | {3}
print(fs, type(fs).__name__, {1, 2} | {K(9, log)} and len(log))
