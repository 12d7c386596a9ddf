# Generator expressions and the iterator protocol in for, unpacking, builtins, in.
g = (x * 2 for x in range(5))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(x for x in range(10)), max((len(w), w) for w in ['a', 'bbb', 'cc']))
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
def counted():
    for i in range(5):
        print('yield', i)
        yield i
print(3 in counted())
print(any(x == 1 for x in counted()))
a, *rest = counted()
print(a, rest)
print(dict((k, k * k) for k in range(3)), set(x % 2 for x in range(4)), tuple(c for c in 'ab'))
print(sorted((x for x in [3, 1, 2]), reverse=True), ','.join(str(i) for i in range(3)))
lazy = (1 / x for x in [1, 0])
print(next(lazy))
try:
    next(lazy)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    (x for x in 5)
except TypeError as e:
    print(type(e).__name__, e)
outer = [1, 2]
ge = (x + y for x in outer for y in range(x))
outer = [100]
print(list(ge))
nested = [[1, 2], [3]]
print(list(y for x in nested for y in x if y != 2))
print(list(zip(*[(1, 'a'), (2, 'b')])))
print(list(enumerate(x for x in 'xy')))
m = map(str, range(3))
print(next(m), list(m))
z = zip([1, 2, 3], 'ab')
print(list(z))
it = iter(range(3))
for i in it:
    print('i', i, next(it, None))
print(min(iter([4, 2, 6])), list(reversed(range(3))), list(range(10)[2:8:3]))
d = {'a': 1, 'b': 2}
k = iter(d)
print(next(k), list(d.items()), list(iter(d.values())))
print(sum([[1], [2]], []), sum((0.1 for _ in range(3)), 1))
first, second = (i for i in 'xy')
print(first, second)
try:
    p, q = (i for i in range(3))
except ValueError as e:
    print(type(e).__name__, e)
try:
    p, q, r = (i for i in range(2))
except ValueError as e:
    print(type(e).__name__, e)
gen = (i for i in range(3))
print(gen.__name__, gen.__qualname__)
