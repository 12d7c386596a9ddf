# __index__ (slicing, bin, list indexing), __int__, __float__.
class I:
    def __init__(self, v): self.v = v
    def __index__(self):
        print('index', self.v)
        return self.v
lst = list(range(10))
print(lst[I(3)], lst[I(1):I(4)], lst[::I(3)])
print(bin(I(5)), hex(I(255)), oct(I(8)))
print('ab' * I(2), [0] * I(2), range(I(3)), list(range(I(2), I(5))))
print(operator_index := I(7).__index__())
lst[I(0)] = 'x'
del lst[I(1)]
print(lst[:3])
print((1, 2, 3)[I(2)], 'hello'[I(1)], b'xyz'[I(0)])
print(int(I(4)))
class BadIndex:
    def __index__(self): return 'no'
try:
    [1][BadIndex()]
except TypeError as e:
    print(type(e).__name__, e)
try:
    key = 'a'
    [1][key]
except TypeError as e:
    print(type(e).__name__, e)
try:
    key = 1.0
    [1][key]
except TypeError as e:
    print(type(e).__name__, e)
try:
    'abc'[None:'x']
except TypeError as e:
    print(type(e).__name__, e)
try:
    bin(1.5)
except TypeError as e:
    print(type(e).__name__, e)

class N:
    def __int__(self):
        print('int')
        return 12
    def __float__(self):
        print('float')
        return 2.5
print(int(N()), float(N()))
try:
    [1][N()]
except TypeError as e:
    print(type(e).__name__, e)
class BadInt:
    def __int__(self): return 'x'
try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)
class BadFloat:
    def __float__(self): return 1
try:
    float(BadFloat())
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(object())
except TypeError as e:
    print(type(e).__name__, e)
try:
    float([])
except TypeError as e:
    print(type(e).__name__, e)
class OnlyIndex:
    def __index__(self): return 9
print(int(OnlyIndex()), float(OnlyIndex()))
print(round(2.5), round(3.5), round(N.__int__(N())))
