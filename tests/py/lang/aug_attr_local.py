# `x.a op= v` where x is a local: the order of the reads and the writes, what each
# hook sees, and the cases compiled the general way (a walrus or a call on the right).
log = []

class Tracked:
    def __init__(self):
        object.__setattr__(self, "a", 1)
    def __getattribute__(self, name):
        log.append(("get", name))
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        log.append(("set", name, value))
        object.__setattr__(self, name, value)

class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        log.append(("iadd", o))
        self.v += o
        return self
    def __repr__(self):
        return f"Acc({self.v})"

class P:
    def __init__(self):
        self._x = 10
    @property
    def x(self):
        log.append("getx")
        return self._x
    @x.setter
    def x(self, v):
        log.append(("setx", v))
        self._x = v

def run(k):
    t = Tracked()
    t.a += k
    t.a *= k + 1
    p = P()
    p.x -= k
    p.x //= 2
    acc = Acc(0)
    holder = Tracked()
    object.__setattr__(holder, "acc", acc)
    holder.acc += k
    other = P()
    other.y = 5
    other.y += other.x
    return t.a, p.x, acc, other.y

print(run(3))
for entry in log:
    print(entry)

def walrus(n):
    o = P()
    q = P()
    q._x = 100
    o.x += (o := q).x
    return o.x, q.x

log.clear()
print(walrus(1), log)

def unbound():
    if False:
        o = 1
    o.a += 1

try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def missing(o):
    o.nope += 1

try:
    missing(P())
except AttributeError as e:
    print("AttributeError:", e)

class Slots:
    __slots__ = ("n",)

def slots():
    s = Slots()
    s.n = 1
    for i in range(5):
        s.n += i
    try:
        s.m += 1
    except AttributeError as e:
        print("AttributeError:", e)
    return s.n

print(slots())
