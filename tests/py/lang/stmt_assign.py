# Augmented assignment operators, starred/nested unpacking, chained assignment, walrus.
x = 7
for op in ['+=', '-=', '*=', '/=', '//=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=']:
    ns = {'x': 7}
    exec('x ' + op + ' 3', ns)
    print(op, ns['x'])
m = [[1]]
m[0] += [2]
print(m)
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(t)
class Obj: pass
o = Obj()
o.v = 1
o.v += 1
o.v **= 3
print(o.v)
d = {'k': 1}
d['k'] <<= 4
print(d)
s = 'ab'
s2 = s
s += 'c'
print(s, s2)
l = [1]
l2 = l
l *= 2
print(l, l2, l is l2)
fs = frozenset([1])
fs2 = fs
fs |= {2}
print(sorted(fs), sorted(fs2))

a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
*a, b = 'xyz'
print(a, b)
a, *b, c = range(2)
print(a, b, c)
[a, b] = [b, a]
print(a, b)
(a, b), c = 'xy', 'z'
print(a, b, c)
for i, (j, *k) in [(1, (2, 3, 4)), (5, (6,))]:
    print(i, j, k)
def show(code):
    try:
        exec(code, {})
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
show('a, b = 1, 2, 3')
show('a, b, c = 1, 2')
show('a, *b, c = [1]')
show('a, b = 1')
show('a, b = None')
show('(a, b), c = [1, 2], 3')
show('a, b = "abc"')
show('a, b = {"x": 1}')
a = b = c = []
a.append(1)
print(b, c, a is c)
x = y = 5
x += 1
print(x, y)
i = 0
lst = [0, 0]
i = lst[i] = 1
print(i, lst)

if (n := 5) > 3:
    print('walrus', n)
data = [1, 2, 3, 4]
print([y for x in data if (y := x * 2) > 4], y)
print([last := v for v in 'abc'], last)
def f():
    [z := i for i in range(3)]
    return z
print(f())
while (chunk := data.pop()) > 2:
    print('chunk', chunk)
print(chunk, (w := 10) + w)
print(1 if True else 2, 'a' if 0 else 'b' if 0 else 'c')
print((lambda: (q := 4) * q)())
