"""Type hints: the names of CPython 3.11's `typing` that programs use at run time.

Hints are inert here, as they are to CPython's interpreter: subscripting a generic
(`List[int]`, `Optional[str]`, `Callable[[int], str]`) builds an alias object with
CPython's repr and `__origin__`/`__args__`; `cast`, `overload`, `TypeVar`, `Generic`,
`Protocol`, `NamedTuple`, `TypedDict` and `get_type_hints` do what programs rely on.
Static checking is out of scope.
"""

import collections

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return "%s.%s" % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return "..."
    if obj is type(None):
        return "None"
    if isinstance(obj, (list, tuple)):
        return "[%s]" % ", ".join(_type_repr(a) for a in obj)
    return repr(obj)


def _convert(arg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class ForwardRef:
    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return "ForwardRef(%r)" % self.__forward_arg__

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


class _GenericAlias:
    """`Name[args]`: `__origin__` is the runtime class (or the special form), `__args__`
    the tuple of parameters."""

    def __init__(self, name, origin, args):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = tuple(a for a in args if isinstance(a, TypeVar))

    def __repr__(self):
        if self._name is None:
            return "%s[%s]" % (_type_repr(self.__origin__), ", ".join(_type_repr(a) for a in self.__args__))
        if self._name == "Optional":
            return "typing.Optional[%s]" % _type_repr(self.__args__[0])
        if self._name == "Callable" and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            return "typing.Callable[%s, %s]" % (_type_repr(self.__args__[0]), _type_repr(self.__args__[1]))
        if self._name == "Tuple" and self.__args__ == ():
            return "typing.Tuple[()]"
        return "typing.%s[%s]" % (self._name, ", ".join(_type_repr(a) for a in self.__args__))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if not isinstance(self.__origin__, type):
            raise TypeError("Type %s cannot be instantiated" % self._name)
        return self.__origin__(*args, **kwargs)

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        subst = dict(zip(self.__parameters__, params))
        return _GenericAlias(self._name, self.__origin__, tuple(subst.get(a, a) for a in self.__args__))

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __mro_entries__(self, bases):
        if isinstance(self.__origin__, type):
            return (self.__origin__,)
        return ()


class _SpecialGeneric:
    """An unsubscripted generic such as `List` or `Dict` (an alias of a builtin class)."""

    def __init__(self, name, origin, nparams):
        self._name = name
        self.__origin__ = origin
        self._nparams = nparams

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == "Callable":
            if len(params) != 2:
                raise TypeError("Callable must be used as Callable[[arg, ...], result].")
            args, result = params
            args = [_convert(a) for a in args] if isinstance(args, list) else args
            return _GenericAlias("Callable", self.__origin__, (args, _convert(result)))
        if self._name != "Tuple" and self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError("Too %s arguments for typing.%s; actual %d, expected %d" % (
                "many" if len(params) > self._nparams else "few", self._name, len(params), self._nparams))
        return _GenericAlias(self._name, self.__origin__, tuple(_convert(p) for p in params))

    def __call__(self, *args, **kwargs):
        raise TypeError("Type %s cannot be instantiated; use %s() instead" % (self._name, self.__origin__.__name__))

    def __instancecheck__(self, obj):
        return isinstance(obj, self._checked_origin())

    def __subclasscheck__(self, cls):
        return issubclass(cls, self._checked_origin())

    def _checked_origin(self):
        # The abstract aliases (Iterable, Sequence, ...) stand for collections.abc classes,
        # which Ouro lacks: refuse rather than answer True for everything.
        if self.__origin__ is object:
            raise NotImplementedError("isinstance() with typing.%s is not supported by Ouro" % self._name)
        return self.__origin__

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _SpecialForm:
    def __init__(self, name, getitem):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError("Cannot instantiate %r" % self)

    def __instancecheck__(self, obj):
        raise TypeError("typing.%s cannot be used with isinstance()" % self._name)


def _union(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        p = _convert(p)
        if isinstance(p, _GenericAlias) and p._name in ("Union", "Optional"):
            members = p.__args__
        else:
            members = (p,)
        for m in members:
            if m not in flat:
                flat.append(m)
    if len(flat) == 1:
        return flat[0]
    if len(flat) == 2 and type(None) in flat:
        other = flat[0] if flat[1] is type(None) else flat[1]
        alias = _GenericAlias("Optional", Union, (other, type(None)))
        return alias
    return _GenericAlias("Union", Union, tuple(flat))


def _optional(form, param):
    return _union(form, (param, None))


def _single(name):
    def getitem(form, param):
        return _GenericAlias(name, form, (_convert(param),))
    return getitem


def _literal(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _GenericAlias("Literal", form, params)


class _AnyType:
    def __repr__(self):
        return "typing.Any"

    def __instancecheck__(self, obj):
        raise TypeError("typing.Any cannot be used with isinstance()")

    def __mro_entries__(self, bases):
        return (object,)


Any = _AnyType()
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", _optional)
ClassVar = _SpecialForm("ClassVar", _single("ClassVar"))
Final = _SpecialForm("Final", _single("Final"))
Literal = _SpecialForm("Literal", _literal)
Annotated = _SpecialForm("Annotated", lambda form, params: params[0] if isinstance(params, tuple) else params)
NoReturn = _SpecialForm("NoReturn", None)
Never = _SpecialForm("Never", None)
Self = _SpecialForm("Self", None)
LiteralString = _SpecialForm("LiteralString", None)
TypeAlias = _SpecialForm("TypeAlias", None)

List = _SpecialGeneric("List", list, 1)
Dict = _SpecialGeneric("Dict", dict, 2)
Set = _SpecialGeneric("Set", set, 1)
FrozenSet = _SpecialGeneric("FrozenSet", frozenset, 1)
Tuple = _SpecialGeneric("Tuple", tuple, -1)
Type = _SpecialGeneric("Type", type, 1)
Callable = _SpecialGeneric("Callable", type(len), -1)
DefaultDict = _SpecialGeneric("DefaultDict", collections.defaultdict, 2)
OrderedDict = _SpecialGeneric("OrderedDict", collections.OrderedDict, 2)
Counter = _SpecialGeneric("Counter", collections.Counter, 1)
Deque = _SpecialGeneric("Deque", collections.deque, 1)
ChainMap = _SpecialGeneric("ChainMap", collections.ChainMap, 2)
Iterable = _SpecialGeneric("Iterable", object, 1)
Iterator = _SpecialGeneric("Iterator", object, 1)
Generator = _SpecialGeneric("Generator", object, 3)
Sequence = _SpecialGeneric("Sequence", object, 1)
MutableSequence = _SpecialGeneric("MutableSequence", object, 1)
Mapping = _SpecialGeneric("Mapping", object, 2)
MutableMapping = _SpecialGeneric("MutableMapping", object, 2)
Collection = _SpecialGeneric("Collection", object, 1)
Container = _SpecialGeneric("Container", object, 1)
AbstractSet = _SpecialGeneric("AbstractSet", object, 1)
MutableSet = _SpecialGeneric("MutableSet", object, 1)
Reversible = _SpecialGeneric("Reversible", object, 1)
Awaitable = _SpecialGeneric("Awaitable", object, 1)
Coroutine = _SpecialGeneric("Coroutine", object, 3)
AsyncIterator = _SpecialGeneric("AsyncIterator", object, 1)
AsyncIterable = _SpecialGeneric("AsyncIterable", object, 1)
ContextManager = _SpecialGeneric("ContextManager", object, 1)
Hashable = _SpecialGeneric("Hashable", object, 0)
Sized = _SpecialGeneric("Sized", object, 0)
Text = str
AnyStr = None  # replaced below, once TypeVar exists


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


AnyStr = TypeVar("AnyStr", bytes, str)
T = TypeVar("T")
KT = TypeVar("KT")
VT = TypeVar("VT")


class ParamSpec(TypeVar):
    pass


class Generic:
    """Base of user generics: `class Box(Generic[T])`; `Box[int]` is an alias of Box."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(None if cls is not Generic else "Generic", cls, tuple(_convert(p) for p in params))


class Protocol(Generic):
    pass


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @overload-decorated "
            "functions outside a stub module should always be followed by an implementation "
            "that is not @overload-ed.")
    return _overload_dummy


def no_type_check(arg):
    return arg


def final(f):
    return f


def runtime_checkable(cls):
    return cls


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get("__annotations__", {}))
        return hints
    return dict(getattr(obj, "__annotations__", {}))


def get_origin(tp):
    return getattr(tp, "__origin__", None) if isinstance(tp, _GenericAlias) else None


def get_args(tp):
    return getattr(tp, "__args__", ()) if isinstance(tp, _GenericAlias) else ()


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


class _NamedTupleMeta(type):
    def __new__(mcls, name, bases, ns):
        if ns.get("_root", False):
            return super().__new__(mcls, name, bases, ns)
        fields = list(ns.get("__annotations__", {}))
        defaults = [ns[f] for f in fields if f in ns]
        nt = collections.namedtuple(name, fields, defaults=defaults, module=ns.get("__module__"))
        for key, value in ns.items():
            if key not in fields and key not in ("__annotations__", "__module__", "__qualname__", "_root"):
                setattr(nt, key, value)
        nt.__annotations__ = dict(ns.get("__annotations__", {}))
        return nt


class NamedTuple(metaclass=_NamedTupleMeta):
    _root = True

    def __new__(cls, typename, fields=None, **kwargs):
        fields = list(fields or []) + list(kwargs.items())
        return collections.namedtuple(typename, [f for f, _ in fields])


class _TypedDictMeta(type):
    """Classes deriving from TypedDict describe dicts: calling one makes a plain dict."""

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


class TypedDict(dict, metaclass=_TypedDictMeta):
    pass


Optional.__doc__ = "Optional[X] is equivalent to Union[X, None]."
