import functools
from functools import reduce, partial, wraps, lru_cache, cache, total_ordering, cmp_to_key, cached_property
import operator

print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [], 'init'))
try:
    reduce(operator.add, [])
except TypeError as e:
    print(e)

def f(a, b, c=0, *, d=1):
    return (a, b, c, d)
p = partial(f, 1, d=5)
print(p(2), p(2, 3, d=9), p.func is f, p.args, p.keywords)
pp = partial(p, 7)
print(pp(), pp.func is f, pp.args, pp.keywords)
print(repr(partial(len, 'abc')).startswith('functools.partial(<built-in function len>'), partial(len, 'abc')())
try:
    partial(3)
except TypeError as e:
    print(e)

def deco(fn):
    @wraps(fn)
    def inner(*a, **k):
        """inner doc"""
        return fn(*a, **k) + 1
    return inner

@deco
def g(x):
    """g's doc"""
    return x * 2
g.extra = 1
print(g(5), g.__name__, g.__doc__, g.__wrapped__(5), g.__qualname__)

calls = []
@lru_cache(maxsize=2)
def sq(n):
    calls.append(n)
    return n * n
print([sq(i) for i in (1, 2, 1, 3, 2, 1)], calls)
print(sq.cache_info(), sq.cache_info().hits, sq.cache_parameters())
sq.cache_clear(); print(sq.cache_info(), sq.__name__)

@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())

@cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact.cache_info())

@lru_cache(typed=True)
def t(x):
    return type(x).__name__
print(t(1), t(1.0), t(1), t.cache_info())

@lru_cache(maxsize=None)
def kw(a, b=2):
    return a + b
print(kw(1), kw(1, b=2), kw(a=1), kw.cache_info())

@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
a, b = V(1), V(2)
print(a < b, a > b, a <= b, a >= b, a <= V(1), a >= V(1), b > a)

@total_ordering
class W:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __ge__(self, o): return self.v >= o.v
print(W(1) < W(2), W(1) > W(2), W(2) <= W(2), W(3) <= W(2))
try:
    @total_ordering
    class Nope:
        pass
except ValueError as e:
    print(e)

def cmp(x, y):
    return (x > y) - (x < y)
print(sorted([3, 1, 2], key=cmp_to_key(cmp)), sorted('bca', key=cmp_to_key(lambda x, y: cmp(y, x))))

class C:
    n = 0
    @cached_property
    def val(self):
        C.n += 1
        return 42
c = C()
print(c.val, c.val, C.n, c.__dict__, type(C.val).__name__)
