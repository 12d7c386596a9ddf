# A dict subclass whose __getitem__ calls dict.__getitem__: the dict's own lookup runs
# (not the subclass's method again), with __missing__ and KeyError as CPython's.
class Logged(dict):
    def __getitem__(self, k):
        print("get", k)
        return dict.__getitem__(self, k)

class Default(Logged):
    def __missing__(self, k):
        return k * 2

d = Logged(a=1)
print(d["a"], dict.__getitem__(d, "a"))
try:
    d["zz"]
except KeyError as e:
    print("KeyError", e)
m = Default(b=2)
print(m["b"], m["cc"], dict.__getitem__(m, "dd"))
try:
    dict.__getitem__([], 1)
except TypeError:
    print("TypeError")
try:
    dict.__getitem__(d, [])
except TypeError as e:
    print("TypeError:", e)
