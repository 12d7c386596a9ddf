# Reference counts are CPython's: aliases, containers and arguments each hold one.
import sys

x = object()
print(sys.getrefcount(x))
y = x
items = [x, x]
print(sys.getrefcount(x))
del y
items.pop()
print(sys.getrefcount(x))

def peek(obj):
    return sys.getrefcount(obj)

print(peek(x))
a = 256
b = 256
print(a is b, int("257") is int("257"))
