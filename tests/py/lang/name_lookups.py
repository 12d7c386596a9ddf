# LOAD_NAME and STORE_NAME in every kind of namespace: module code (locals are the
# globals), a class body (its own namespace, then the module's, then builtins), exec
# with separate dicts, exec with a mapping that is not a dict, and a builtin shadowed
# and unshadowed at module level.
x = 1
print(len("abc"), x)
len = lambda s: 42
print(len("abc"))
del len
print(len("abc"))

class C:
    y = x + 1
    x = 10
    z = x + y
    print(x, y, z, len([1]))
print(C.x, C.y, C.z, x)

g = {"a": 1}
l = {"b": 2}
exec("c = a + b\nprint(a, b, c)\nprint(sorted(k for k in locals()))", g, l)
print(sorted(k for k in g if k != "__builtins__"), sorted(l))

class Logged(dict):
    def __getitem__(self, k):
        print("get", k)
        return dict.__getitem__(self, k)
    def __setitem__(self, k, v):
        print("set", k, v)
        dict.__setitem__(self, k, v)

m = Logged(q=5)
exec("r = q * 2\nprint(r)", {}, m)
print(dict(m))

try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)

def f():
    exec("print(x, abs(-3))")
f()
total = 0
for i in range(5):
    total = total + i
print(total, i)
