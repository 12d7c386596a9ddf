x = 1
a = b = c = 2
a, b = b, a
a, *rest = [1, 2, 3]
(a, b), c = (1, 2), 3
[x, y] = 1, 2
obj.attr = 5
d["k"] = v
x += 1; y -= 2; z *= 3
m @= n
p **= 2
q //= 3
r >>= 1; s <<= 1; t &= 1; u |= 2; w ^= 3; v %= 4; o /= 5
x: int = 5
y: list[int]
(z): int = 3
self.x: str = "a"
