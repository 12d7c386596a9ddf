"""The operators of Python as functions (Ouro's operator module).

Each function does what the matching expression does: operator.add(a, b) is a + b,
operator.getitem(a, b) is a[b], operator.iadd(a, b) is `a += b` returning the result.
"""


_builtin_abs = abs


# Comparisons.
def lt(a, b): return a < b
def le(a, b): return a <= b
def eq(a, b): return a == b
def ne(a, b): return a != b
def ge(a, b): return a >= b
def gt(a, b): return a > b


# Truth and identity.
def not_(a): return not a
def truth(a): return True if a else False
def is_(a, b): return a is b
def is_not(a, b): return a is not b


# Arithmetic and bitwise operators.
def abs(a): return _builtin_abs(a)
def add(a, b): return a + b
def and_(a, b): return a & b
def floordiv(a, b): return a // b
def inv(a): return ~a
invert = inv
def lshift(a, b): return a << b
def mod(a, b): return a % b
def mul(a, b): return a * b
def matmul(a, b): return a @ b
def neg(a): return -a
def or_(a, b): return a | b
def pos(a): return +a
def pow(a, b): return a ** b
def rshift(a, b): return a >> b
def sub(a, b): return a - b
def truediv(a, b): return a / b
def xor(a, b): return a ^ b


def index(a):
    """a.__index__(): the integer value of an object usable as an index."""
    t = type(a)
    if t is int:
        return a
    try:
        method = t.__index__
    except AttributeError:
        raise TypeError(f"'{t.__name__}' object cannot be interpreted as an integer") from None
    return method(a)


# Sequences.
def concat(a, b):
    """a + b for sequences only."""
    if not hasattr(a, '__getitem__'):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    return a + b


def contains(a, b): return b in a


def countOf(a, b):
    """How many items of a are b or equal to b."""
    n = 0
    for item in a:
        if item is b or item == b:
            n += 1
    return n


def indexOf(a, b):
    """The position of the first item of a that is b or equals b."""
    for i, item in enumerate(a):
        if item is b or item == b:
            return i
    raise ValueError('sequence.index(x): x not in sequence')


def getitem(a, b): return a[b]


def setitem(a, b, c):
    a[b] = c


def delitem(a, b):
    del a[b]


def length_hint(obj, default=0):
    """len(obj) when it has one, else obj.__length_hint__(), else default."""
    if not isinstance(default, int):
        raise TypeError(f"'{type(default).__name__}' object cannot be interpreted as an integer")
    try:
        return len(obj)
    except TypeError:
        pass
    try:
        hint = type(obj).__length_hint__
    except AttributeError:
        return default
    value = hint(obj)
    if value is NotImplemented:
        return default
    if not isinstance(value, int):
        raise TypeError(f"__length_hint__ must be an integer, not {type(value).__name__}")
    if value < 0:
        raise ValueError('__length_hint__() should return >= 0')
    return value


# In-place operators: each returns the new value of a.
def iadd(a, b):
    a += b
    return a

def iand(a, b):
    a &= b
    return a

def iconcat(a, b):
    if not hasattr(a, '__getitem__'):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    a += b
    return a

def ifloordiv(a, b):
    a //= b
    return a

def ilshift(a, b):
    a <<= b
    return a

def imod(a, b):
    a %= b
    return a

def imul(a, b):
    a *= b
    return a

def imatmul(a, b):
    a @= b
    return a

def ior(a, b):
    a |= b
    return a

def ipow(a, b):
    a **= b
    return a

def irshift(a, b):
    a >>= b
    return a

def isub(a, b):
    a -= b
    return a

def itruediv(a, b):
    a /= b
    return a

def ixor(a, b):
    a ^= b
    return a


def call(obj, /, *args, **kwargs):
    return obj(*args, **kwargs)


class attrgetter:
    """attrgetter('a') returns f with f(x) == x.a; attrgetter('a.b', 'c') returns f with
    f(x) == (x.a.b, x.c)."""
    __slots__ = ('_attrs', '_paths')

    def __init__(self, attr, /, *attrs):
        names = (attr,) + attrs
        for name in names:
            if not isinstance(name, str):
                raise TypeError('attribute name must be a string')
        self._attrs = names
        self._paths = tuple(tuple(name.split('.')) for name in names)

    def __call__(self, obj, /):
        results = []
        for path in self._paths:
            value = obj
            for part in path:
                value = getattr(value, part)
            results.append(value)
        return results[0] if len(results) == 1 else tuple(results)

    def __repr__(self):
        return f"operator.attrgetter({', '.join(map(repr, self._attrs))})"

    def __reduce__(self):
        return self.__class__, self._attrs


class itemgetter:
    """itemgetter(k) returns f with f(x) == x[k]; itemgetter(j, k) returns f with
    f(x) == (x[j], x[k])."""
    __slots__ = ('_items',)

    def __init__(self, item, /, *items):
        self._items = (item,) + items

    def __call__(self, obj, /):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple([obj[k] for k in self._items])

    def __repr__(self):
        return f"operator.itemgetter({', '.join(map(repr, self._items))})"

    def __reduce__(self):
        return self.__class__, self._items


class methodcaller:
    """methodcaller('m', *args, **kw) returns f with f(x) == x.m(*args, **kw)."""
    __slots__ = ('_name', '_args', '_kwargs')

    def __init__(self, name, /, *args, **kwargs):
        if not isinstance(name, str):
            raise TypeError('method name must be a string')
        self._name = name
        self._args = args
        self._kwargs = kwargs

    def __call__(self, obj, /):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        parts = [repr(self._name)]
        parts.extend(map(repr, self._args))
        parts.extend(f'{k}={v!r}' for k, v in self._kwargs.items())
        return f"operator.methodcaller({', '.join(parts)})"


# The dunder spellings (operator.__add__ is operator.add, ...).
__lt__ = lt; __le__ = le; __eq__ = eq; __ne__ = ne; __ge__ = ge; __gt__ = gt
__not__ = not_; __abs__ = abs; __add__ = add; __and__ = and_; __floordiv__ = floordiv
__index__ = index; __inv__ = inv; __invert__ = invert; __lshift__ = lshift; __mod__ = mod
__mul__ = mul; __matmul__ = matmul; __neg__ = neg; __or__ = or_; __pos__ = pos
__pow__ = pow; __rshift__ = rshift; __sub__ = sub; __truediv__ = truediv; __xor__ = xor
__concat__ = concat; __contains__ = contains; __getitem__ = getitem
__setitem__ = setitem; __delitem__ = delitem; __call__ = call
__iadd__ = iadd; __iand__ = iand; __iconcat__ = iconcat; __ifloordiv__ = ifloordiv
__ilshift__ = ilshift; __imod__ = imod; __imul__ = imul; __imatmul__ = imatmul
__ior__ = ior; __ipow__ = ipow; __irshift__ = irshift; __isub__ = isub
__itruediv__ = itruediv; __ixor__ = ixor
