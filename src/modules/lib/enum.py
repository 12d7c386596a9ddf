"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto and unique, with CPython
3.11's member behaviour (singletons by value, aliases, iteration in definition order,
lookup by value and by name) and reprs.

Invariants: an enum class keeps `_member_map_` (name → member, aliases included),
`_member_names_` (canonical names in definition order) and `_value2member_map_`
(value → canonical member); members are never created after the class is.
"""

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "auto", "unique"]


class auto:
    """A placeholder replaced by `_generate_next_value_` when the class is built."""

    _counter = 0

    def __init__(self):
        auto._counter += 1
        self._order = auto._counter

    def __repr__(self):
        return "auto()"


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_descriptor(obj):
    return hasattr(obj, "__get__") or hasattr(obj, "__set__") or hasattr(obj, "__delete__")


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        member_items = []
        for key, value in list(classdict.items()):
            if _is_dunder(key) or _is_sunder(key) or _is_descriptor(value) or key.startswith("_"):
                continue
            member_items.append((key, value))
            del classdict[key]
        enum_class = super().__new__(metacls, cls, bases, classdict, **kwds)
        enum_class._member_map_ = {}
        enum_class._member_names_ = []
        enum_class._value2member_map_ = {}
        member_type = enum_class._member_type() if member_items else object
        last_values = []
        for name, value in member_items:
            if isinstance(value, auto):
                value = enum_class._generate_next_value_(name, 1, len(last_values), last_values[:])
            last_values.append(value)
            enum_class._add_member(name, value, member_type)
        return enum_class

    def _member_type(cls):
        for base in cls.__mro__[1:]:
            if base in (object, Enum, Flag) or isinstance(base, EnumType):
                continue
            return base
        return object

    def _add_member(cls, name, value, member_type):
        existing = cls._value2member_map_.get(value) if _hashable(value) else None
        if existing is None:
            for m in cls._member_map_.values():
                if m._value_ == value:
                    existing = m
                    break
        if existing is not None:
            cls._member_map_[name] = existing
            type.__setattr__(cls, name, existing)
            return
        args = value if isinstance(value, tuple) else (value,)
        if member_type is object:
            member = object.__new__(cls)
        else:
            member = member_type.__new__(cls, *args)
        if "__init__" in dir(cls) and cls.__init__ is not object.__init__ and member_type is object:
            member.__init__(*args)
        member._name_ = name
        member._value_ = value
        cls._member_map_[name] = member
        cls._member_names_.append(name)
        if _hashable(value):
            cls._value2member_map_[value] = member
        type.__setattr__(cls, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1):
        if names is not None:
            return cls._create_(value, names, start=start)
        if isinstance(value, cls):
            return value
        if _hashable(value) and value in cls._value2member_map_:
            return cls._value2member_map_[value]
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        missing = cls._missing_(value)
        if missing is not None:
            return missing
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    def _create_(cls, class_name, names, start=1):
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        items = []
        last = []
        for i, item in enumerate(names):
            if isinstance(item, str):
                value = cls._generate_next_value_(item, start, i, last[:])
                items.append((item, value))
                last.append(value)
            else:
                items.append(tuple(item))
        if isinstance(names, dict):
            items = list(names.items())
        ns = {name: value for name, value in items}
        return EnumType.__new__(EnumType, class_name, (cls,), ns)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'" % (
                type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __bool__(cls):
        return True

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("cannot reassign member %r" % name)
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("cannot delete member %r" % name)
        super().__delattr__(name)


EnumMeta = EnumType


def _hashable(value):
    try:
        hash(value)
        return True
    except TypeError:
        return False


Flag = None


class Enum(metaclass=EnumType):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self._name_)

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __dir__(self):
        return ["__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"]


class IntEnum(int, Enum):
    __repr__ = Enum.__repr__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return int.__format__(self, spec)

    __hash__ = int.__hash__


class StrEnum(str, Enum):
    __repr__ = Enum.__repr__

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return str.__str__(self)

    def __format__(self, spec):
        return str.__format__(self, spec)

    __hash__ = str.__hash__


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        high = max(last_values)
        return 1 << high.bit_length() if high else 1

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        known = 0
        for m in cls:
            known |= m._value_
        if value & ~known:
            return None
        member = object.__new__(cls) if cls._member_type() is object else cls._member_type().__new__(cls, value)
        names = [m._name_ for m in cls if m._value_ & value == m._value_ and m._value_]
        member._name_ = "|".join(names) if names else None
        member._value_ = value
        cls._value2member_map_[value] = member
        return member

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ ^ other._value_)

    def __invert__(self):
        known = 0
        for m in self.__class__:
            known |= m._value_
        return self.__class__(known & ~self._value_)

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __iter__(self):
        return (m for m in self.__class__ if m._value_ and m._value_ & self._value_ == m._value_)

    def __len__(self):
        return sum(1 for _ in self)

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (type(self).__name__, self._value_)
        return "%s.%s" % (type(self).__name__, self._name_)


class IntFlag(int, Flag):
    __repr__ = Flag.__repr__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return int.__format__(self, spec)

    __hash__ = int.__hash__

    def __or__(self, other):
        if isinstance(other, int):
            return self.__class__(int(self) | int(other))
        return NotImplemented

    def __and__(self, other):
        if isinstance(other, int):
            return self.__class__(int(self) & int(other))
        return NotImplemented

    __ror__ = __or__
    __rand__ = __and__


def unique(enumeration):
    duplicates = [(name, member._name_) for name, member in enumeration.__members__.items() if name != member._name_]
    if duplicates:
        details = ", ".join("%s -> %s" % (alias, name) for alias, name in duplicates)
        raise ValueError("duplicate values found in %r: %s" % (enumeration, details))
    return enumeration
