# Annotated assignments, module/class __annotations__, comprehension scoping, global/nonlocal.
x: int = 1
y: str
z: 'list[int]' = []
print(__annotations__)
print('y' in globals())
class C:
    a: int
    b: float = 2.0
    c = 3
    def method(self):
        d: int = 5
        return d
print(C.__annotations__, hasattr(C, 'a'), C.b)
print(C().method())
def f():
    v: int = 1
    w: str
    return locals()
print(f())
class D:
    pass
print(D.__dict__.get('__annotations__'))
o = D()
o.attr: int = 5
print(o.attr)
lst = [0]
lst[0]: int = 9
print(lst)

n = 'module n'
print([n for n in range(3)], n)
class Scope:
    v = 10
    items = [i * 2 for i in range(v)]
    try:
        bad = [v + i for i in range(2)]
    except NameError as e:
        err = str(e)
print(Scope.items, Scope.err)
print({k: k * 2 for k in 'ab'}, {c for c in 'aab'} == {'a', 'b'})
try:
    print([undefined_q for _ in range(1)])
except NameError as e:
    print(type(e).__name__, e)
print([i for i in range(5) if i % 2 for _ in range(2)])
print([[j for j in range(i)] for i in range(3)])

g = 0
def set_global():
    global g, new_global
    g = 1
    new_global = 'created'
set_global()
print(g, new_global)
def nest():
    a = 1
    def inner():
        nonlocal a
        a += 1
        def innermost():
            nonlocal a
            a *= 10
        innermost()
    inner()
    return a
print(nest())
def glob_in_nested():
    g = 'local'
    def inner():
        global g
        return g
    return inner()
print(glob_in_nested())
try:
    exec('def bad():\n    nonlocal q\n')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec('def bad2(a):\n    global a\n')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec('x = 1\nglobal x\n')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
