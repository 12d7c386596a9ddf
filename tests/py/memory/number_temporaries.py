# Arithmetic on ints and floats whose operands are temporaries: the results are right,
# the operands held by names, containers or constants keep their values, results in
# the small-int range are the cached objects, and reference counts are as usual.
import sys

def f(x, y):
    a = x * 3.5
    b = (a + y) * (a - y)          # both operands of * are temporaries
    c = (x + 1000) - (y + 2000)    # int temporaries
    d = (x + 1000) - (x + 900)     # result in the small-int range
    return a, b, c, d

x, y = 1001, 7
a, b, c, d = f(x, y)
print(a, b, c, d, x, y)
hundred, ninety_six = 100, 96
print(d is hundred, (x + 1000 - 1905) is ninety_six)

v = 1e300
w = v * 10.0 * 10.0                # inf from a temporary
print(v, w, w - w)

# A name bound to the left operand keeps its value.
p = 123456.5
q = p
p += 1.0
print(p, q)
n = 10 ** 6
m = n
n += 1
print(n, m, n - m)

# Items of a list are not temporaries.
lst = [1000.25, 3000]
lst[0] -= 0.25 * 2
lst[1] = lst[1] * 2 + 1
print(lst)

# The result's count is a new object's.
r = (x + 5000) * 3
print(sys.getrefcount(r))
s = (a + 1.0) * 2.0
print(sys.getrefcount(s))

# Mixed int and float, and the reflected case.
print((x + 1000) * 0.5, 0.5 * (x + 1000), (x * 2) / (y * 2), (x * 1.0) // 3)

# Overflow past a machine word from temporaries.
big = (x * 10 ** 15) * (x * 10 ** 15)
print(big, type(big).__name__)

# A loop whose accumulator is rebound each step.
t = 0.0
k = 0
for i in range(1000):
    t = t + i * 0.5
    k = k + i * 1000
print(t, k)

# Subclasses of int and float are never reused.
class MyInt(int):
    pass
class MyFloat(float):
    pass
mi = MyInt(5000) + 1
mf = MyFloat(2.5) * 2.0
print(type(mi).__name__, mi, type(mf).__name__, mf)
print(type(MyInt(7000) - MyInt(1)).__name__)
