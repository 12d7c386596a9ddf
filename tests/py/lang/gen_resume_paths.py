# Generators resumed by for loops, yield from, send, throw and builtins: values,
# return values, exceptions, the handled exception and tracebacks.
import sys

def count(n):
    for i in range(n):
        yield i
    return "done"

def double(it):
    for x in it:
        yield x * 2

print(list(double(count(4))))
total = 0
for v in double(double(count(5))):
    total += v
print(total)

def deleg():
    r = yield from count(3)
    print("returned", r)
    r2 = yield from [10, 11]
    print("list returned", r2)
    return "deleg done"

for v in deleg():
    print("got", v)

def outer():
    r = yield from deleg()
    yield r

print(list(outer()))

# StopIteration raised inside a generator becomes RuntimeError.
def bad():
    yield 1
    raise StopIteration("oops")

try:
    for v in bad():
        print("bad yielded", v)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__, e.__cause__)

def bad_deleg():
    yield from bad()

try:
    print(list(bad_deleg()))
except RuntimeError as e:
    print("RuntimeError via yield from:", e)

# An exception propagating out of a nested generator to the for loop.
def raiser(n):
    for i in range(n):
        if i == 2:
            raise ValueError("at %d" % i)
        yield i

def relay(it):
    for x in it:
        yield x

try:
    for v in relay(relay(raiser(5))):
        print("relay", v)
except ValueError as e:
    names = []
    tb = e.__traceback__
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("ValueError", e, names)

# The handled exception inside and outside a generator.
def show_exc():
    print("inside first:", sys.exc_info()[0])
    yield 1
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exc_info()[0].__name__
        print("inside handler after resume:", sys.exc_info()[0].__name__)
    yield sys.exc_info()[0]

try:
    raise IndexError("outer")
except IndexError:
    for v in show_exc():
        print("outer sees", sys.exc_info()[0].__name__, "value", v)
print("after:", sys.exc_info()[0])

for v in show_exc():
    print("no outer exception:", sys.exc_info()[0], v)

# A generator already running, and a finished one.
def selfref():
    yield next(g)

g = selfref()
try:
    next(g)
except ValueError as e:
    print("ValueError:", e)
print(list(g))

def two():
    yield 1
    yield 2
t = two()
print(next(t), list(t), list(t))

# send and throw into a generator suspended in a for loop's callee.
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x

a = acc()
next(a)
print(a.send(3), a.send(4))
try:
    a.send(None)
except StopIteration as e:
    print("StopIteration value", e.value)

def catcher():
    try:
        yield 1
    except ZeroDivisionError:
        yield "caught"
    yield "end"

c = catcher()
print(next(c), c.throw(ZeroDivisionError), next(c))

def deleg_catch():
    yield from catcher()

d = deleg_catch()
print(next(d), d.throw(ZeroDivisionError), list(d))

# Sending a value into a just-started generator through yield from.
def starter():
    yield from acc()

s = starter()
try:
    s.send(5)
except TypeError as e:
    print("TypeError:", e)

# gi_running seen from inside, and close.
def running():
    yield gen.gi_running
gen = running()
print(list(gen), gen.gi_running)

def closing():
    try:
        yield 1
        yield 2
    finally:
        print("closed")
cl = closing()
for v in cl:
    print("closing", v)
    break
cl.close()

# Deep delegation (recursion through yield from).
def tree(d):
    if d == 0:
        yield 1
        return
    yield from tree(d - 1)
    yield from tree(d - 1)
print(sum(tree(10)))

# A generator raising in a loop inside a try/finally of the consumer.
def consumer():
    try:
        for v in raiser(4):
            yield v
    finally:
        print("consumer finally")
try:
    print(list(consumer()))
except ValueError as e:
    print("propagated", e)
