# What a running frame holds, as CPython 3.11's _PyInterpreterFrame: a strong
# reference to its function and code, none to the function's globals or builtins.
import sys, builtins, gc


def own_count():
    return sys.getrefcount(own_count)


print("function while running:", own_count(), "idle:", sys.getrefcount(own_count))


def code_count():
    return sys.getrefcount(code_count.__code__)


print("code while running:", code_count(), "idle:", sys.getrefcount(code_count.__code__))


def globals_count():
    return sys.getrefcount(globals())


def nested():
    return globals_count()


print("globals:", globals_count(), nested(), sys.getrefcount(globals()))


def builtins_count():
    return sys.getrefcount(builtins.__dict__)


print("builtins unchanged by a frame:", builtins_count() - sys.getrefcount(builtins.__dict__))


class C:
    def method(self):
        return sys.getrefcount(C.__dict__["method"])

    body = sys.getrefcount(globals())


print("method:", C().method(), "class body globals:", C.body)


def gen(a):
    b = a + 1
    yield sys.getrefcount(gen)
    yield b


g = gen(5)
print("generator function while running:", next(g))
print("generator referents:", [type(r).__name__ if not isinstance(r, (int, str)) else r for r in gc.get_referents(g)])
print("gi_code:", g.gi_code is gen.__code__)
list(g)
print("after exhaustion:", g.gi_code is gen.__code__, [type(r).__name__ if not isinstance(r, (int, str)) else r for r in gc.get_referents(g)])

# A suspended generator in a cycle through its frame's function is collected.
import weakref


def cyc():
    yield 1


cg = cyc()
cyc.keep = cg
next(cg)
alive = weakref.ref(cg)
del cyc, cg
print("collect:", gc.collect(), "generator left:", alive())

ns = {}
exec("import sys\nx = sys.getrefcount(d)", ns | {"d": ns})
ns2 = {"d": None}
ns2["d"] = ns2
exec("import sys\nx = sys.getrefcount(d)", ns2)
print("exec globals:", ns2["x"])

# Each function refers to the builtins its code sees (CPython 3.11's func_builtins).
before = sys.getrefcount(builtins.__dict__)
fs = [lambda: i for i in range(3)]
print("builtins per function:", sys.getrefcount(builtins.__dict__) - before, fs[0].__builtins__ is builtins.__dict__)
del fs
print("released:", sys.getrefcount(builtins.__dict__) - before)
print("referents:", [type(r).__name__ for r in gc.get_referents(own_count)])
def outer():
    x = 1
    def inner():
        return x
    return inner
try:
    exec(outer().__code__)
except TypeError as e:
    print("TypeError", e)
def withcell():
    y = 2
    def g(): return y
    return g()
exec(withcell.__code__)
print("ok")
