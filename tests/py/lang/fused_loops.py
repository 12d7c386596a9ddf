# Loops whose instructions run fused: FOR_ITER with the STORE_FAST of its item, a
# STORE_FAST or a POP_TOP with the JUMP after it, LOAD_CONST with IS_OP.
import sys
import gc


def over(it):
    out = []
    for x in it:
        out.append(x)
    return out


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


def gen(n):
    for i in range(n):
        yield i * 2


print(over([1, 2, 3]), over((4, 5)), over(range(3)), over("ab"), over(b"xy"))
print(over(Countdown(3)), over(gen(4)), over(x for x in "hey"), over({1: 2, 3: 4}))
print(over([]), over(iter([])), over(gen(0)))


# The loop variable keeps the last item; a loop that runs no time leaves it unbound.
def last(it):
    for x in it:
        pass
    return x


print(last([1, 2, 3]), last(gen(3)), last(Countdown(2)))
try:
    last([])
except UnboundLocalError as e:
    print("UnboundLocalError", e)


# break, continue and else.
def search(items, want):
    for x in items:
        if x < 0:
            continue
        if x == want:
            break
    else:
        return "not found"
    return "found %r" % x


print(search([1, -2, 3], 3), search(gen(5), 6), search(gen(5), 7), search([], 1))


def frames(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


# An iterator that raises: the traceback names the for line.
class Bad:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError("bad next")


def loop_bad():
    total = 0
    for x in Bad():
        total += x
    return total


try:
    loop_bad()
except ValueError as e:
    print("ValueError", e, frames(e))


# A generator that raises part way.
def gen_fail():
    yield 1
    raise KeyError("gen")


def consume():
    seen = []
    for v in gen_fail():
        seen.append(v)
    return seen


try:
    consume()
except KeyError as e:
    print("KeyError", e, frames(e))


# The replaced loop variable is released at the store: a finalizer sees it go.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def noisy_loop():
    for n in [Noisy("a"), Noisy("b")]:
        print("got", n.name)
    print("loop done")


noisy_loop()


# Counts: the loop variable holds one reference, the list another.
def counts():
    items = [object() for _ in range(3)]
    for o in items:
        r = sys.getrefcount(o)
    return r


print("refcount", counts())


# `is` against a constant, as a test and as a value.
def kinds(values):
    out = []
    for v in values:
        if v is None:
            out.append("none")
        elif v is not True:
            out.append("other")
        else:
            out.append("true")
    flags = [v is None for v in values] + [v is not None for v in values]
    return out, flags


print(kinds([None, True, 0, False, "x"]))


# while loops ending in a store or an expression statement.
def walk(node):
    steps = 0
    while node is not None:
        node = node.get("next")
        steps += 1
    return steps


chain = None
for i in range(5):
    chain = {"next": chain, "i": i}
print("walk", walk(chain), walk(None))


def drain(l):
    out = []
    while l:
        out.append(l.pop())
    return out


print(drain([1, 2, 3]))


# A collection requested by allocations inside such a loop runs at its backward jump.
class Node:
    def __init__(self):
        self.me = self


def churn(n):
    gc.collect()
    before = gc.get_count()[1] + gc.get_stats()[0]["collections"]
    i = 0
    while i < n:
        Node()
        i += 1
    return gc.get_stats()[0]["collections"] + gc.get_count()[1] > before


print("collected during loop", churn(5000))
gc.collect()

# Nested loops: the inner loop's exhaustion jumps over the fused store.
pairs = []
for a in range(3):
    for b in gen(a):
        pairs.append((a, b))
print(pairs)
print([(a, b) for a in range(3) for b in range(a)])
print(sum(x for x in range(10) if x is not None))
