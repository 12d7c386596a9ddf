# Reference counts inside operator dunders: the operands are lent to the method (as
# CPython's borrowed vectorcall arrays), so each has one reference from the frame.
import sys
class S:
    def __eq__(self, other):
        print("eq", sys.getrefcount(self), sys.getrefcount(other))
        return True
    def __lt__(self, other):
        print("lt", sys.getrefcount(self), sys.getrefcount(other))
        return True
    def __add__(self, other):
        print("add", sys.getrefcount(self), sys.getrefcount(other))
        return 1
    def __radd__(self, other):
        print("radd", sys.getrefcount(self))
        return 2
    def __getitem__(self, k):
        print("getitem", sys.getrefcount(self), sys.getrefcount(k))
        return 3
    def __contains__(self, k):
        print("contains", sys.getrefcount(self), sys.getrefcount(k))
        return True
    def __getattr__(self, name):
        print("getattr", sys.getrefcount(self))
        return 4
    def __setitem__(self, k, v):
        print("setitem", sys.getrefcount(self), sys.getrefcount(k))
s = S()
t = S()
key = object()
s == t
s == S()
s < t
s + t
1 + s
s[key]
key in s
s.zzz
s[key] = 1
print(sys.getrefcount(s), sys.getrefcount(t), sys.getrefcount(key))
