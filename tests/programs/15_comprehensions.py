a = [x for x in range(10)]
b = [x * y for x in xs for y in ys if x if y]
c = {x for x in xs}
d = {k: v for k, v in items.items() if v}
e = (x for x in xs)
f = [y for x in data if (y := f(x))]
g = [[j for j in range(i)] for i in range(3)]
h = sum(x for x in xs)
i = [x for x, in pairs]
j = {(a, b): c for a, b, c in triples}
