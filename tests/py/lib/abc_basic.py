from abc import ABC, ABCMeta, abstractmethod
import abc

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def name(self): return 'shape'
    def describe(self): return f'{self.name()} of area {self.area()}'

class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def name(self): return 'square ' + super().name()

class Half(Shape):
    def area(self): return 0

print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__), Square.__abstractmethods__)
print(Square(3).describe(), isinstance(Square(2), Shape), issubclass(Square, ABC), type(Shape).__name__)
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print(e)

class Base(metaclass=ABCMeta):
    @property
    @abstractmethod
    def value(self): ...
    @classmethod
    @abstractmethod
    def make(cls): ...
print(sorted(Base.__abstractmethods__))
class Impl(Base):
    @property
    def value(self): return 5
    @classmethod
    def make(cls): return cls()
print(Impl.make().value)

class Sized(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return any('__len__' in B.__dict__ for B in C.__mro__)
        return NotImplemented
print(isinstance([], Sized), isinstance(3, Sized), issubclass(dict, Sized))

class Registry(ABC):
    pass
Registry.register(int)
print(isinstance(5, Registry), issubclass(bool, Registry), isinstance('x', Registry), Registry.register(str) is str)
print(isinstance('x', Registry), abstractmethod(lambda: 1).__isabstractmethod__)
try:
    Registry.register(3)
except TypeError as e:
    print(e)
