# Method calls and attribute access on instances.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    @property
    def norm2(self):
        return self.dot(self)

acc = Vec(0, 0)
step = Vec(1, 2)
total = 0
for i in range(2300000):
    acc = acc.add(step)
    total += acc.norm2 % 7 + step.dot(acc) % 5
print(acc.x, acc.y, total)
