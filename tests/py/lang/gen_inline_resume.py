# Generators resumed by for loops and yield from inside the running interpreter loop:
# frames seen from inside, counts and collection, recursion, mixing with next().
import gc
import sys

def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno

def probe():
    yield where()
    yield sys._getframe(1).f_code.co_name

def consumer():
    for item in probe():
        print("probe gives", item)

consumer()

def via_yield_from():
    yield from probe()

print(list(via_yield_from()))

# The generator's frame while suspended and after it finished.
def steps():
    yield 1
    yield 2

g = steps()
for v in g:
    print("step", v, g.gi_running, g.gi_frame is not None)
print("finished:", g.gi_frame)

# Counts: the loop holds the generator only while it runs.
def numbers(n):
    for i in range(n):
        yield i

gen = numbers(3)
before = sys.getrefcount(gen)
seen = []
for v in gen:
    seen.append(sys.getrefcount(gen) - before)
print(seen, sys.getrefcount(gen) - before)

# next() and a for loop taking turns on one generator.
gen = numbers(6)
for v in gen:
    print("loop", v, "next", next(gen, None))

# A generator in a reference cycle, left suspended by break, is collected.
class Holder:
    pass

def cyclic(h):
    h.me = h
    yield 1
    yield 2

gc.collect()
h = Holder()
h.g = cyclic(h)
for v in h.g:
    break
del h
print("collected", gc.collect() > 0)

# yield from returning values up a chain, and send() through it.
def leaf():
    x = yield "leaf"
    return x * 2

def mid():
    r = yield from leaf()
    return r + 1

def top():
    r = yield from mid()
    yield ("top got", r)

t = top()
print(next(t))
print(t.send(20))

# Deep yield from chains: fine below the recursion limit, RecursionError past it.
def chain(d):
    if d == 0:
        yield d
        return
    yield from chain(d - 1)

print(list(chain(200)))
sys.setrecursionlimit(150)
try:
    list(chain(400))
except RecursionError as e:
    print("RecursionError")
sys.setrecursionlimit(1000)
print(list(chain(5)))

# An exception thrown into a delegating generator reaches the innermost one.
def inner():
    try:
        yield 1
    except KeyError as e:
        yield "inner caught %s" % e

def outer():
    yield from inner()
    yield "outer done"

o = outer()
print(next(o), o.throw(KeyError("k")), next(o))

# Generators made and exhausted in a loop leave nothing behind.
gc.collect()
import_count = len(gc.get_objects())
for _ in range(50):
    for v in numbers(3):
        pass
    list(via_yield_from())
gc.collect()
print("objects stable", len(gc.get_objects()) - import_count < 10)
