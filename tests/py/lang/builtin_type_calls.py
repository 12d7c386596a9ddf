# Builtin types called with arguments: those whose __init__ is object's are made by
# their __new__ alone; the others and every subclass still get their __init__.
print(range(3), range(1, 10, 2), tuple([1, 2]), frozenset([3]), int("12"), float("2.5"), bool([]))
print(list((1, 2)), dict(a=1), set([1]), bytearray(b"ab"))

class R(tuple):
    def __init__(self, *args):
        print("R.__init__", args)
print(R([1, 2]))

class I(int):
    pass
print(I(7) + 1, type(I(7)).__name__)

class L(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.extra = True
l = L([4, 5])
print(l, l.extra)

try:
    range()
except TypeError as e:
    print("TypeError:", e)
try:
    int("x")
except ValueError as e:
    print("ValueError:", e)
try:
    tuple(1, 2)
except TypeError as e:
    print("TypeError:", e)
