# Classes, inheritance, super(), properties and dunder methods.
class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, area={self.area():.2f})"


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    @property
    def square(self):
        return self.w == self.h


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3.141592653589793 * self.r ** 2

    def __lt__(self, other):
        return self.area() < other.area()


shapes = [Rect(3, 4), Circle(1), Rect(2, 2), Circle(0.5)]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s)
print(Shape.count, Rect(5, 5).square, isinstance(shapes[1], Shape))
print(Circle.__mro__)
