# Three instructions run as one (a local or a constant, another operand, an
# arithmetic or comparison operator), and every case the fused form leaves to the
# instructions one by one: other types, big ints, NaN, unbound locals, operators
# that raise, and an operand whose type defines the operator.
import math

def arith(a, b):
    return [a + b, a - b, a * b, a / b if b else None, a // b if b else None,
            a % b if b else None, a ** 2, a + 1, a - 1.5, a * 3]

for a, b in [(3, 4), (-7, 2), (2.5, 0.5), (3, 2.0), (2 ** 62, 2 ** 62), (10 ** 30, 7),
             ("ab", "cd"), ([1], [2])]:
    try:
        print(arith(a, b))
    except TypeError as e:
        print("TypeError:", e)

def compare(a, b):
    out = []
    out.append(a < b)
    out.append(a <= b)
    out.append(a == b)
    out.append(a != b)
    out.append(a > b)
    out.append(a >= b)
    out.append(a < 2)
    out.append(a == 2.0)
    if a < b:
        out.append("lt")
    if not a >= b:
        out.append("not ge")
    return out

nan = float("nan")
for a, b in [(1, 2), (2, 2), (3, 2), (1.5, 2.5), (nan, 1.0), (nan, nan), (2 ** 70, 2 ** 70 + 1),
             ("a", "b"), (2, 2.0), ((1, 2), (1, 3))]:
    try:
        print(compare(a, b))
    except TypeError as e:
        print("TypeError:", e)

def unbound_left():
    if False:
        x = 1
    return x + 1

def unbound_right():
    y = 2
    if False:
        x = 1
    return y + x

def unbound_compare():
    if False:
        x = 1
    return x < 3

for f in (unbound_left, unbound_right, unbound_compare):
    try:
        f()
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

def raising():
    a, b = 1, 0
    try:
        return a // b
    except ZeroDivisionError as e:
        return "ZeroDivisionError: " + str(e)

print(raising())

class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return V(self.v + (o.v if isinstance(o, V) else o))
    def __lt__(self, o):
        return self.v < (o.v if isinstance(o, V) else o)
    def __repr__(self):
        return f"V({self.v})"

def objects(a, b):
    c = a + b
    d = a + 1
    return c, d, a < b, a < 10

print(objects(V(1), V(2)))

# A loop whose condition and step are fused, and a jump into the middle of a fused
# triple (the while loop's condition is re-entered at its first instruction, the
# conditional expression's branches join before an operator).
def loops(n):
    i = 0
    total = 0
    while i < n:
        total = total + i
        i = i + 1
    k = 5
    m = (k if n > 3 else n) + k
    return total, m, math.fsum([0.1 * j for j in range(n)])

print(loops(10), loops(2))

# `x.a is None` and `x.a is not None` on a local: an instance attribute (the fused
# form), and everything it leaves to the instructions one by one: a class attribute,
# a property, an instance with a dict of its own, __getattr__, a missing attribute, an
# unbound local.
class Node:
    def __init__(self, nxt):
        self.nxt = nxt

class Prop:
    @property
    def nxt(self):
        return None

class Cls:
    nxt = None

class Dyn:
    def __getattr__(self, name):
        return 5

def walk(p):
    n = 0
    while p.nxt is not None:
        p = p.nxt
        n += 1
    return n, p.nxt is None

print(walk(Node(Node(Node(None)))), walk(Prop()), walk(Cls()))
d = Node(None)
d.__dict__["extra"] = 1
print(walk(d))
try:
    walk(Dyn())
except Exception as e:
    print(type(e).__name__)
def missing(p):
    return p.nope is None
try:
    missing(Node(None))
except AttributeError as e:
    print("AttributeError:", e)
def unbound_attr():
    if False:
        p = 1
    return p.nxt is None
try:
    unbound_attr()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

# `return x` of a local: a plain return, one from a generator (StopIteration's value,
# `yield from`'s result), one through a finally block, and an unbound local.
def ret(x):
    y = x * 2
    return y

def gen_ret(n):
    yield n
    r = n + 1
    return r

def outer(n):
    got = yield from gen_ret(n)
    return got

def through_finally(x):
    try:
        v = x + 1
        return v
    finally:
        print("finally", x)

def unbound_ret():
    if False:
        z = 1
    return z

print(ret(21), list(outer(3)), through_finally(1))
g = outer(5)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    unbound_ret()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
