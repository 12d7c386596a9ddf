# typing: aliases and their reprs, Optional/Union flattening, TypeVar, Generic (PEP 560
# __mro_entries__), NamedTuple, TypedDict, get_type_hints, isinstance through __instancecheck__.
from typing import List, Dict, Optional, Union, Tuple, Any, Callable, Set, TypeVar, Generic, NamedTuple, Iterable, Iterator, cast, TYPE_CHECKING, get_type_hints, Type, Sequence, Mapping, DefaultDict, Literal, ClassVar, Protocol, overload, TypedDict
import typing
print(List[int], Dict[str, int], Optional[int], Union[int, str], Union[int, None], Tuple[int, ...], Tuple[()])
print(Callable[[int, str], bool], Callable[..., int], Set[float], Type[int], Sequence[str], Any, List, Literal['a', 1])
print(Union[int], Union[int, Union[str, float]], Optional[Union[int, str]], List['Foo'])
T = TypeVar('T'); print(T, TypeVar('U', bound=int), List[T][int])
def f(a: List[int], b: Optional[str] = None) -> Dict[str, int]:
    return {b or 'x': sum(a)}
print(f([1, 2]), f.__annotations__['a'], f.__annotations__['return'])
class Box(Generic[T]):
    def __init__(self, v: T): self.v = v
print(Box(3).v, Box[int], List[int].__origin__, List[int].__args__, Dict[str, int] == Dict[str, int])
class P(NamedTuple):
    x: int
    y: int = 5
    def total(self): return self.x + self.y
p = P(1); print(p, p.total(), p._fields, P(2, 3))
print(cast(int, 'x'), TYPE_CHECKING, isinstance([], List), isinstance({}, Dict))
class C:
    a: int
    b: str = 'x'
print(get_type_hints(C))
try:
    isinstance(1, List[int])
except TypeError as e: print(e)
class Movie(TypedDict):
    name: str
print(Movie(name='x'), type(Movie(name='y')).__name__)
x: List[int] = []
print(x, __annotations__['x'])
class Proto(Protocol):
    def meth(self) -> int: ...
print(typing.Text, typing.AnyStr)
