# Sorting and comprehensions.
seed = 12345
def rand():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
data = [rand() % 100000 for _ in range(800000)]
a = sorted(data)
b = sorted(data, reverse=True)
c = sorted(((x % 100, x) for x in data), key=lambda t: t[0])
evens = [x for x in a if x % 2 == 0]
squares = {x: x * x for x in a[:50000]}
print(a[0], a[-1], b[0], c[0], len(evens), sum(squares.values()) % 1000003)
