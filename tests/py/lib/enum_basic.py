# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, the functional API, tuple values
# with __init__, CPython's reprs and errors.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return '%s is %d' % (self.name, self.value)
print(Color.RED, repr(Color.RED), Color(2), Color['BLUE'], Color.CRIMSON is Color.RED, list(Color), len(Color))
print(Color.RED.name, Color.RED.value, Color.GREEN.describe(), Color.RED == Color.RED, Color.RED == 1, Color.RED in Color)
print(Color.__members__.keys() if False else list(Color.__members__), isinstance(Color.RED, Color), type(Color.RED).__name__, Color)
print(f'{Color.RED}', '%s' % Color.GREEN, {Color.RED: 'r'}[Color.CRIMSON], sorted(c.value for c in Color))
try: Color(7)
except ValueError as e: print(e)
try: Color['PINK']
except KeyError as e: print('KeyError', e)
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO * 3, Num.ONE < Num.TWO, Num(2), str(Num.ONE), repr(Num.TWO), f'{Num.TWO}', Num.ONE == 1, int(Num.TWO))
class Auto(Enum):
    A = auto()
    B = auto()
    C = auto()
print(list(Auto), Auto.C.value)
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.W), list(Perm), Perm.W.value)
class P2(IntFlag):
    A = 1
    B = 2
print(P2.A | P2.B, repr(P2.A | 4 if False else P2.A), P2.A | 2 == 3)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e: print(e)
Animal = Enum('Animal', 'CAT DOG')
print(list(Animal), Animal.DOG.value)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.MERCURY.value, Planet((3.303e+23, 2.4397e6)))
class S(StrEnum):
    X = auto()
    Y = 'why'
print(S.X, S.Y == 'why', S.X.upper(), repr(S.X))
try:
    Color.RED = 5
except AttributeError as e: print(e)
print(hash(Color.RED) == hash(Color.CRIMSON), Color.RED is Color(1), reversed(Color) is not None)
