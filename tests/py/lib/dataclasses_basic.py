# dataclasses: generated __init__/__repr__/__eq__/order/hash, frozen, field options,
# __post_init__ and InitVar, inheritance, asdict/astuple/replace, CPython's errors.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError, is_dataclass, InitVar
from typing import List, ClassVar

@dataclass
class Point:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list)
    count: ClassVar[int] = 0

p = Point(1, 2)
print(p, p == Point(1, 2), p == Point(1, 3), Point(5), Point.count)
print([f.name for f in fields(p)], asdict(p), astuple(p), replace(p, y=9), is_dataclass(p), is_dataclass(1))
p.tags.append('a'); print(p, Point(0).tags)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    def bump(self): return replace(self, minor=self.minor + 1)

v = Version(1, 2)
print(v < Version(1, 3), v >= Version(0, 9), sorted([Version(2), Version(1, 5), Version(1)]), hash(v) == hash(Version(1, 2)), v.bump())
try:
    v.major = 3
except FrozenInstanceError as e:
    print('frozen:', e)
try:
    Version(1) < Point(1)
except TypeError as e:
    print(e)

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list, repr=False)
    label: str = field(default='n', compare=False)
    def __post_init__(self):
        self.double = self.value * 2
n = Node(3); print(n, n.double, Node(3, label='x') == Node(3), Node.__hash__)

@dataclass
class Base:
    a: int
    b: str = 'b'
@dataclass
class Derived(Base):
    c: float = 1.5
print(Derived(1), Derived(1, 'x', 2.5), [f.name for f in fields(Derived)])
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print(e)
@dataclass
class WithInit:
    x: int
    scale: InitVar[int] = 1
    def __post_init__(self, scale):
        self.x *= scale
print(WithInit(2, 5), WithInit(3))
@dataclass(eq=False)
class NoEq:
    a: int
print(NoEq(1) == NoEq(1), NoEq(1))
@dataclass
class Outer:
    inner: Point
    items: list
print(asdict(Outer(Point(1), [Point(2)])))
try:
    Point()
except TypeError as e:
    print(e)
print(Point.__match_args__, Point.__init__.__qualname__, repr(Point.__eq__.__name__))
