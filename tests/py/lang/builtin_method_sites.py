# One LOAD_METHOD instruction sees lists, subclasses that override the method,
# other builtin types and plain instances: each call reaches the method CPython calls.
class L(list):
    def append(self, x):
        print("L.append", x)
        super().append(x * 10)


class P:
    def append(self, x):
        print("P.append", x)


class WithDict(list):
    pass


def add_all(targets, v):
    for t in targets:
        t.append(v)


a, l, w = [], L(), WithDict()
w.append = lambda x: print("instance append", x)
for round in range(3):
    add_all([a, l, P(), a, w], round)
print(a, l, list(w))


def polymorphic(objs, x):
    out = []
    for o in objs:
        try:
            out.append(o.count(x))
        except TypeError as e:
            out.append(str(e))
    return out


print(polymorphic([[1, 1, 2], (1, 2, 1, 1), "1x1", b"\x01", bytearray(b"\x01\x01")], 1))
print(polymorphic([[1, 1, 2], (1, 2, 1, 1), "1x1"], "1"))


def keys_of(objs):
    out = []
    for o in objs:
        try:
            out.append(sorted(o.keys()))
        except AttributeError as e:
            out.append(str(e))
    return out


print(keys_of([{"b": 1, "a": 2}, {1: 2}, [], {"z": 0}]))


def strip_all(items):
    return [s.strip() for s in items]


print(strip_all(["  a ", " b", "c  "]), strip_all([b" x ", " y "]))
m = [3, 1, 2]
for _ in range(2):
    m.sort()
    m.reverse()
print(m, m.copy() is m, [].pop.__self__ is not None)

# str methods' argument errors carry CPython's messages.
for expr in ['"abc".count(1)', '"abc".find(1)', '"abc".split(1)', '"abc".strip(1)', '"abc".lstrip(1)',
             '"abc".rstrip(1)', '"abc".replace(1, "x")', '"abc".replace("a", 2)', '"abc".partition(1)',
             '"abc".rpartition(1)', '"abc".removeprefix(1)', '"abc".removesuffix(1)', '"abc".rsplit(1)',
             '"abc".index(1)', '"abc".endswith(1)']:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
for expr in ['b"abca".count(97)', 'b"abca".find(98)', 'b"abca".rfind(97)', 'b"abca".index(99)', 'b"abca".rindex(97)', 'bytearray(b"aa").count(97)',
             'b"a".count(300)', 'b"a".count(-1)', 'b"a".count("a")', 'b"a".find(1.5)', 'b"abc".index(100)', 'b"abca".count(97, 1)', 'b"a".count(True)']:
    try:
        print(expr, "->", eval(expr))
    except (TypeError, ValueError) as e:
        print(expr, "->", type(e).__name__, e)
