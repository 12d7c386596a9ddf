# Decorators (with arguments, stacked, on classes), closures, nonlocal, recursion.
def trace(fn):
    def wrapper(*a, **k):
        print('call', fn.__name__, a)
        return fn(*a, **k)
    wrapper.__name__ = 'traced_' + fn.__name__
    return wrapper
def repeat(n):
    print('repeat factory', n)
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@trace
@repeat(2)
def hello(x):
    return 'hi ' + x
print(hello('bob'), hello.__name__)

order = []
def mark(tag):
    order.append('eval ' + tag)
    def deco(f):
        order.append('apply ' + tag)
        return f
    return deco
@mark('a')
@mark('b')
def target(): pass
print(order)

def add_attr(cls):
    cls.added = True
    return cls
def singleton(cls):
    return cls()
@add_attr
class Marked: pass
@singleton
class Inst:
    value = 5
print(Marked.added, Inst.value, type(Inst).__name__)

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter()
inc(); inc()
print(get(), inc.__closure__[0].cell_contents)

fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])

def outer():
    x = 'outer'
    def middle():
        def inner():
            nonlocal x
            x = 'changed'
        inner()
        return x
    return middle(), x
print(outer())

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
def even(n): return n == 0 or odd(n - 1)
def odd(n): return n != 0 and even(n - 1)
print(even(10), odd(7))

def late():
    def reader():
        return value
    try:
        reader()
    except NameError as e:
        print(type(e).__name__, e)
    value = 1
    return reader()
print(late())

x = 'global'
def shadow():
    print(x)
    x = 'local'
try:
    shadow()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def closure_del():
    v = 1
    def r(): return v
    del v
    try:
        r()
    except NameError as e:
        print(type(e).__name__, e)
closure_del()
class Deco:
    def __init__(self, f): self.f = f; self.calls = 0
    def __call__(self, *a):
        self.calls += 1
        return self.f(*a)
@Deco
def sq(v): return v * v
print(sq(3), sq(4), sq.calls)
@lambda f: f()
def immediately(): return 'ran'
print(immediately)
