# Property getters run by LOAD_ATTR as Python calls: values, errors, tracebacks and
# every case that must take the generic path.
import sys

class P:
    def __init__(self, x):
        self.x = x
    @property
    def double(self):
        return self.x * 2
    @property
    def caller_line(self):
        return sys._getframe(1).f_lineno
    @property
    def boom(self):
        return 1 / 0
    @property
    def missing(self):
        raise AttributeError("no such thing")
    @property
    def gen(self):
        yield self.x
    @property
    def rc(self):
        return sys.getrefcount(self)

p = P(21)
total = 0
for i in range(1000):
    total += p.double
print(total, p.double, P(5).double)
print(p.caller_line)
print(list(p.gen))
print(p.rc, sys.getrefcount(p))
def local_rc():
    lp = P(3)
    return lp.rc, sys.getrefcount(lp)
print(local_rc())

# A data descriptor wins over the instance dict.
p.__dict__["double"] = "shadow"
print(p.double)

try:
    p.boom
except ZeroDivisionError as e:
    tb, lines = e.__traceback__, []
    while tb is not None:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(lines)

try:
    p.missing
except AttributeError as e:
    print("AttributeError:", e)

# With __getattr__, an AttributeError from the getter falls back to it.
class G(P):
    def __getattr__(self, name):
        return "getattr:" + name
print(G(1).missing, G(2).double)

# A getter replaced through property.__init__ is seen at the next load.
class Q:
    prop = property(lambda self: "first")
q = Q()
print(q.prop, q.prop)
Q.__dict__["prop"].__init__(lambda self: "second")
print(q.prop)

# A getter that is a closure, one with defaults, a builtin, a property subclass.
def make(k):
    def get(self):
        return k + self.x
    return get
class R:
    x = 1
    closure = property(make(10))
    defaults = property(lambda self, extra=5: extra)
    builtin = property(len)
    def __len__(self):
        return 3
class MyProp(property):
    pass
class S:
    v = MyProp(lambda self: "sub")
r = R()
for _ in range(3):
    print(r.closure, r.defaults, r.builtin, S().v)

# Deep recursion through a property ends in RecursionError, not a crash.
class Deep:
    @property
    def again(self):
        return self.again
try:
    Deep().again
except RecursionError as e:
    print("RecursionError:", e)

# A property deleted from the class, then the attribute is the instance's.
class T:
    @property
    def a(self):
        return "prop"
t = T()
t.__dict__["a"] = "inst"
print(t.a)
del T.a
print(t.a)
