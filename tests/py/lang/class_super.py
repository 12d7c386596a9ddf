# Zero-argument super() in methods, classmethods, nested functions.
class Base:
    def __init__(self, v):
        self.v = v
    def show(self):
        return 'Base.show %r' % self.v
    @classmethod
    def make(cls, v):
        return 'Base.make ' + cls.__name__ + ' ' + str(v)
    @staticmethod
    def stat():
        return 'Base.stat'

class Child(Base):
    def __init__(self, v):
        super().__init__(v * 2)
    def show(self):
        return 'Child+' + super().show()
    @classmethod
    def make(cls, v):
        return 'Child+' + super().make(v + 1)
    @staticmethod
    def stat():
        return 'Child+' + super(Child, Child).stat()
    def nested(self):
        def inner():
            return super(Child, self).show()
        return inner()
    def comp(self):
        return [super().show() for _ in range(1)]
    def lam(self):
        f = lambda: super(Child, self).show()
        return f()

c = Child(3)
print(c.v)
print(c.show())
print(Child.make(1))
print(c.make(2))
print(Child.stat())
print(c.nested())
print(c.lam())
try:
    c.comp()
except TypeError as e:
    print(type(e).__name__, e)
s = super(Child, c)
print(s.show())
print(type(s).__name__)

class Broken(Base):
    def bad(self):
        def inner():
            return super().show()
        return inner()
try:
    Broken(1).bad()
except RuntimeError as e:
    print(type(e).__name__, e)

def loose():
    return super().x
try:
    loose()
except RuntimeError as e:
    print(type(e).__name__, e)

try:
    super(Child, 5)
except TypeError as e:
    print(type(e).__name__, e)

class G(Child):
    def show(self):
        return 'G+' + super(Child, self).show()
print(G(1).show())

class Prop(Base):
    @property
    def p(self):
        return super().show()
print(Prop(9).p)
