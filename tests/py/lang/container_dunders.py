# __len__, __bool__, __getitem__/__setitem__/__delitem__ with slices, __contains__.
class Seq:
    def __init__(self): self.data = list(range(10))
    def __len__(self): return len(self.data)
    def __getitem__(self, i):
        print('get', i)
        return self.data[i]
    def __setitem__(self, i, v):
        print('set', i, v)
        self.data[i] = v
    def __delitem__(self, i):
        print('del', i)
        del self.data[i]

s = Seq()
print(s[2], s[-1])
print(s[1:4], s[::3], s[:])
s[0] = 'z'
s[1:3] = ['a', 'b', 'c']
del s[0]
del s[::2]
print(s.data, len(s))
s[1, 2] if False else None
try:
    s[1, 2]
except TypeError as e:
    print(type(e).__name__, e)
print(s[...] if False else 'skip')

class B:
    def __bool__(self):
        print('bool')
        return False
    def __len__(self):
        print('len')
        return 3
print(bool(B()), not B())
class L:
    def __len__(self):
        print('len')
        return 0
print(bool(L()), 'yes' if L() else 'no')
class Bad:
    def __bool__(self): return 1
try:
    bool(Bad())
except TypeError as e:
    print(type(e).__name__, e)
class NegLen:
    def __len__(self): return -1
try:
    len(NegLen())
except ValueError as e:
    print(type(e).__name__, e)
try:
    bool(NegLen())
except ValueError as e:
    print(type(e).__name__, e)
class FloatLen:
    def __len__(self): return 1.5
try:
    len(FloatLen())
except TypeError as e:
    print(type(e).__name__, e)
try:
    len(5)
except TypeError as e:
    print(type(e).__name__, e)
print(bool(object()))

class Cont:
    def __contains__(self, x):
        print('contains', x)
        return x == 3
print(3 in Cont(), 4 not in Cont())
class RetStr:
    def __contains__(self, x): return 'truthy'
print(1 in RetStr())
class IterOnly:
    def __iter__(self): return iter([1, 2, 3])
print(2 in IterOnly(), 5 in IterOnly())
class GetOnly:
    def __getitem__(self, i):
        if i > 4: raise IndexError
        return i * 2
print(8 in GetOnly(), 7 in GetOnly())
try:
    1 in 5
except TypeError as e:
    print(type(e).__name__, e)

class NoSet:
    def __getitem__(self, i): return i
try:
    NoSet()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del NoSet()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    five = 5
    five[0]
except TypeError as e:
    print(type(e).__name__, e)
class Cls:
    def __class_getitem__(cls, item):
        return 'cgi ' + repr(item)
print(Cls[int])
