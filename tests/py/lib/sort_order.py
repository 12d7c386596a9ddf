seed = 7
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
out = []
for trial in range(300):
    n = rnd() % 200
    m = 1 + rnd() % 50
    data = [(rnd() % m, i) for i in range(n)]
    out.append(sorted(data, key=lambda t: t[0]) == sorted(data, key=lambda t: (t[0], t[1])))
    r = sorted(data, key=lambda t: t[0], reverse=True)
    out.append([t[1] for t in r][:5])
    l = [t[0] for t in data]
    l2 = list(l); l2.sort()
    out.append(l2 == sorted(l) and all(l2[i] <= l2[i+1] for i in range(len(l2)-1)))
    words = [str(x) * (x % 3) for x in l]
    out.append(sorted(words)[:3])
print(sum(1 for o in out if o is True), len(out))
print(out[:40])
class C:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        if self.v == 13: raise ValueError("13")
        return self.v < o.v
    def __repr__(self): return "C%d" % self.v
xs = [C(i) for i in [5, 3, 13, 1]]
try:
    xs.sort()
except ValueError as e:
    print("error", e, len(xs))
print(sorted([C(3), C(1), C(2)]))
print(sorted([3, 1, 2], reverse=True), sorted("hello"), sorted([1.5, 1, True, 0.5]))
