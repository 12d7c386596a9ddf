a = 1 + 2 * 3 - 4 / 5 // 6 % 7 @ m
b = -2 ** 2
c = 2 ** -1
d = 2 ** 3 ** 2
e = ~x + -y + +z
f = a | b ^ c & d << 1 >> 2
g = not a and b or c
h = a < b <= c > d >= e == f != g
i = a in b and a not in c and a is b and a is not c
j = x if cond else y
k = lambda: 0
l = lambda x, y=1, *a, z, **kw: x + y
m = lambda *, k: k
n = lambda a, /, b: a
o = a.b.c(d)[e].f
p = (1)
q = (1,)
r = ()
s = 1,
t = ...
u = None, True, False
v = x if a else y if b else z
w = (yield)
