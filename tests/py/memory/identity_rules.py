# Which operations return the same object and which make a new one.
s = "hello"
print(s.strip() is s, s[:] is s, s + "" is s, s * 1 is s, str(s) is s)
t = (1, 2, 3)
print(t[:] is t, tuple(t) is t, t + () is t, t * 1 is t)
n = 10 ** 20
print(+n is n, int(n) is n, n + 0 is n)
f = 2.5
print(float(f) is f, +f is f)
k256 = 256
print(k256 + 0 is k256, (k256 - 1 + 1) is k256, int("256") is k256, int("257") is int("257"))
fs = frozenset([1, 2])
print(frozenset(fs) is fs, fs.copy() is fs)
l = [1]
print(list(l) is l, l[:] is l, l.copy() is l)
import sys
a = sys.intern("".join(["dyn", "amic"]))
b = sys.intern("dynamic")
print(a is b)
x = "ab" + "cd"
y = "abcd"
print(x is y)
