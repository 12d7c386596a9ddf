# sum() adds machine ints, then doubles, as CPython's builtin_sum does: the results
# (and which __add__/__radd__ methods run) are CPython's.
class MyInt(int):
    def __radd__(self, other):
        print("MyInt.__radd__")
        return NotImplemented


class MyFloat(float):
    def __radd__(self, other):
        print("MyFloat.__radd__", other)
        return 100.0


print(sum([1, 2, 3]), sum([1, 2.5, 3]), sum([0.1] * 10), sum([1e308, 1e308, -1e308]))
print(sum([1.5, 2**70, 3]), sum([1.5, True, MyInt(2)]), sum([0.5, MyFloat(1.0), 2]))
print(sum([2**62, 2**62, 2**62]), sum([], 0.25), sum([1, 2], 0.5), sum(range(10), -1.0))
print(sum([1.0, 2, 3.5, 10**20]), sum([0.1, 0.2, 0.3], 0.0) == 0.1 + 0.2 + 0.3)
print(sum([complex(1, 2), 1.5]), sum([1.5, complex(0, 1), 2]))
try:
    sum([1.5, "x"])
except TypeError as e:
    print("TypeError:", e)
