# list(), tuple() and list.extend() size their result with the iterable's __len__ or
# __length_hint__ after taking its iterator, as CPython's PyObject_LengthHint does.
class S:
    def __len__(self):
        print("len")
        return 2
    def __iter__(self):
        print("iter")
        return iter([1, 2])
print(list(S()), tuple(S()))
l = [0]; l.extend(S()); print(l)
class H:
    def __iter__(self):
        print("iter H")
        return iter("ab")
    def __length_hint__(self):
        print("hint")
        return 5
print(list(H()))
class Bad:
    def __iter__(self):
        return iter([])
    def __len__(self):
        raise ValueError("bad len")
try:
    list(Bad())
except ValueError as e:
    print("ValueError", e)
class TE:
    def __iter__(self):
        return iter([7])
    def __len__(self):
        raise TypeError("no len")
print(list(TE()))
class NegHint:
    def __iter__(self):
        return iter([])
    def __length_hint__(self):
        return -1
try:
    list(NegHint())
except ValueError as e:
    print("ValueError", e)
class NIHint:
    def __iter__(self):
        return iter([3])
    def __length_hint__(self):
        return NotImplemented
print(list(NIHint()))
class L(list):
    def __len__(self):
        print("L len")
        return 1
print(list(L([1, 2])), tuple(L([3])))
class L2(list):
    def __iter__(self):
        print("L2 iter")
        return iter([9])
    def __len__(self):
        print("L2 len")
        return 1
print(list(L2([1, 2])))
def g():
    yield 1
print(list(g()))
