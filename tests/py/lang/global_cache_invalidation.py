# A global name read by one instruction sees every rebinding, deletion and shadowing
# of the name in the module and in builtins, and the globals of each exec.
import builtins

def read_x():
    return x

def read_len():
    return len

x = 1
print(read_x(), read_x())
x = 2
print(read_x())
del x
try:
    read_x()
except NameError as e:
    print("NameError:", e)
x = [3]
print(read_x())

print(read_len() is builtins.len)
len = lambda s: "shadowed"
print(read_len()("abc"))
del len
print(read_len()("abc"))
original = builtins.len
builtins.len = lambda s: "patched builtin"
print(read_len()("abc"))
builtins.len = original
print(read_len()("abc"))
del builtins.len
try:
    read_len()
except NameError as e:
    print("NameError:", e)
builtins.len = original

# One code object run against several globals dicts.
code = compile("def f():\n    return y\n", "<g>", "exec")
g1 = {"y": "one"}
g2 = {"y": "two"}
exec(code, g1)
exec(code, g2)
for _ in range(2):
    print(g1["f"](), g2["f"]())
g1["y"] = "one again"
print(g1["f"](), g2["f"]())
del g2["y"]
try:
    g2["f"]()
except NameError as e:
    print("NameError:", e)

# Globals changed from inside the loop that reads them, and through globals().
counter = 0
def bump():
    global counter
    counter = counter + 1
    return counter
print([bump() for _ in range(5)])
globals()["counter"] = 100
print(bump())

# A value the cache points at is released when its binding goes away.
import sys
class Big:
    def __del__(self):
        print("Big freed")
big = Big()
def read_big():
    return big
read_big(); read_big()
print(sys.getrefcount(big))
big = None
print("after rebinding", read_big())

# A global that shadows a builtin stays the value while the builtins change, and the
# builtin is seen again once the global goes.
len = "module len"
print(read_len())
builtins.len = lambda s: "patched again"
print(read_len())
del len
print(read_len()("abc"))
builtins.len = original
print(read_len()("abc"))
