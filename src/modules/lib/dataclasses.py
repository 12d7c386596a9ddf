"""Data classes: `@dataclass` generates `__init__`, `__repr__`, `__eq__`, the ordering
methods and `__hash__` from a class's annotated fields, as CPython 3.11 does.

Fields are collected along the MRO (base fields first); `field()` sets per-field
options. The generated methods are built from source text with `exec`, so tracebacks
and signatures look like hand-written ones.
"""

__all__ = ["dataclass", "field", "Field", "FrozenInstanceError", "InitVar", "MISSING",
           "fields", "asdict", "astuple", "make_dataclass", "replace", "is_dataclass"]


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return "<dataclasses._MISSING_TYPE object>"


MISSING = _MissingType()

_FIELDS = "__dataclass_fields__"
_PARAMS = "__dataclass_params__"


class InitVar:
    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ("name", "type", "default", "default_factory", "repr", "hash", "init",
                 "compare", "metadata", "kw_only", "_field_type")

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = metadata if metadata is not None else {}
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ("Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,"
                "compare=%r,metadata=%r,kw_only=%r,_field_type=%s)" % (
                    self.name, self.type, self.default, self.default_factory, self.init, self.repr,
                    self.hash, self.compare, self.metadata, self.kw_only, self._field_type))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith("typing.ClassVar") or text.startswith("ClassVar")


def _own_fields(cls, kw_only):
    annotations = cls.__dict__.get("__annotations__", {})
    out = []
    for name, tp in annotations.items():
        if _is_classvar(tp):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = tp
        f._field_type = "_FIELD_INITVAR" if isinstance(tp, InitVar) else "_FIELD"
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError("mutable default %s for field %s is not allowed: use default_factory"
                             % (type(f.default), name))
        out.append(f)
    return out


def _create(cls, name, args, body, globals_, locals_):
    """Defines method `name` from source text and attaches it to cls."""
    params = ", ".join(args)
    text = "def __create_fn__(%s):\n def %s(%s):\n%s\n return %s" % (
        ", ".join(locals_), name, params, "\n".join("  " + line for line in body), name)
    ns = {}
    exec(text, globals_, ns)
    fn = ns["__create_fn__"](**locals_)
    fn.__qualname__ = "%s.%s" % (cls.__qualname__, name)
    setattr(cls, name, fn)


def _tuple_of(fields, obj):
    if not fields:
        return "()"
    return "(%s,)" % ", ".join("%s.%s" % (obj, f.name) for f in fields)


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    all_fields = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = base.__dict__.get(_FIELDS)
        if base_fields:
            for f in base_fields.values():
                all_fields[f.name] = f
    for f in _own_fields(cls, kw_only):
        all_fields[f.name] = f
        # A class attribute that is a Field object is replaced by its default.
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    setattr(cls, _FIELDS, all_fields)
    setattr(cls, _PARAMS, (init, repr, eq, order, unsafe_hash, frozen))
    fields_list = [f for f in all_fields.values() if f._field_type == "_FIELD"]
    globals_ = {"MISSING": MISSING, "FrozenInstanceError": FrozenInstanceError}

    if init:
        args = ["self"]
        kw_args = []
        body = []
        locals_ = {}
        seen_default = False
        for f in all_fields.values():
            if not f.init:
                if f.default_factory is not MISSING:
                    locals_["_dflt_" + f.name] = f.default_factory
                    body.append(_assign(frozen, f.name, "_dflt_%s()" % f.name))
                elif f.default is not MISSING:
                    locals_["_dflt_" + f.name] = f.default
                    body.append(_assign(frozen, f.name, "_dflt_" + f.name))
                continue
            if f.default is not MISSING:
                locals_["_dflt_" + f.name] = f.default
                arg = "%s=_dflt_%s" % (f.name, f.name)
            elif f.default_factory is not MISSING:
                locals_["_dflt_" + f.name] = f.default_factory
                locals_["_HAS_DEFAULT_FACTORY"] = MISSING
                arg = "%s=_HAS_DEFAULT_FACTORY" % f.name
            else:
                arg = f.name
                if seen_default and not f.kw_only:
                    raise TypeError("non-default argument %r follows default argument" % f.name)
            if f.kw_only:
                kw_args.append(arg)
            else:
                if "=" in arg:
                    seen_default = True
                args.append(arg)
            if f._field_type == "_FIELD_INITVAR":
                continue
            if f.default_factory is not MISSING:
                value = "_dflt_%s() if %s is _HAS_DEFAULT_FACTORY else %s" % (f.name, f.name, f.name)
            else:
                value = f.name
            body.append(_assign(frozen, f.name, value))
        if "__post_init__" in dir(cls):
            initvars = [f.name for f in all_fields.values() if f._field_type == "_FIELD_INITVAR"]
            body.append("self.__post_init__(%s)" % ", ".join(initvars))
        if not body:
            body = ["pass"]
        if kw_args:
            args = args + ["*"] + kw_args
        locals_["__dataclass_self__"] = cls
        _create(cls, "__init__", args, body, globals_, locals_)

    if repr and "__repr__" not in cls.__dict__:
        parts = ", ".join("%s={self.%s!r}" % (f.name, f.name) for f in fields_list if f.repr)
        _create(cls, "__repr__", ["self"], ["return f'{self.__class__.__qualname__}(%s)'" % parts], globals_, {})

    compared = [f for f in fields_list if f.compare]
    if eq and "__eq__" not in cls.__dict__:
        _create(cls, "__eq__", ["self", "other"], [
            "if other.__class__ is self.__class__:",
            "    return %s == %s" % (_tuple_of(compared, "self"), _tuple_of(compared, "other")),
            "return NotImplemented"], globals_, {})

    if order:
        for name, op in (("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")):
            if name in cls.__dict__:
                raise TypeError("Cannot overwrite attribute %s in class %s. Consider using functools.total_ordering"
                                % (name, cls.__name__))
            _create(cls, name, ["self", "other"], [
                "if other.__class__ is self.__class__:",
                "    return %s %s %s" % (_tuple_of(compared, "self"), op, _tuple_of(compared, "other")),
                "return NotImplemented"], globals_, {})

    if frozen:
        names = tuple(f.name for f in all_fields.values())
        locals_ = {"__dataclass_names__": names, "__dataclass_cls__": cls}
        _create(cls, "__setattr__", ["self", "name", "value"], [
            "if type(self) is __dataclass_cls__ or name in __dataclass_names__:",
            "    raise FrozenInstanceError(f'cannot assign to field {name!r}')",
            "super(__dataclass_cls__, self).__setattr__(name, value)"], globals_, locals_)
        _create(cls, "__delattr__", ["self", "name"], [
            "if type(self) is __dataclass_cls__ or name in __dataclass_names__:",
            "    raise FrozenInstanceError(f'cannot delete field {name!r}')",
            "super(__dataclass_cls__, self).__delattr__(name)"], globals_, locals_)

    hashed = [f for f in fields_list if (f.compare if f.hash is None else f.hash)]
    has_own_hash = "__hash__" in cls.__dict__ and cls.__dict__["__hash__"] is not None
    if unsafe_hash or (eq and frozen):
        if unsafe_hash and has_own_hash:
            raise TypeError("Cannot overwrite attribute __hash__ in class %s" % cls.__name__)
        if not has_own_hash or unsafe_hash:
            _create(cls, "__hash__", ["self"], ["return hash(%s)" % _tuple_of(hashed, "self")], globals_, {})
    elif eq and not has_own_hash:
        cls.__hash__ = None

    if match_args and "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in fields_list if f.init and not f.kw_only)
    return cls


def _assign(frozen, name, value):
    if frozen:
        return "object.__setattr__(self, %r, %s)" % (name, value)
    return "self.%s = %s" % (name, value)


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    if order and not eq:
        raise ValueError("eq must be true if order is true")

    def wrap(cls):
        return _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)

    if cls is None:
        return wrap
    return wrap(cls)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def fields(class_or_instance):
    try:
        all_fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(f for f in all_fields.values() if f._field_type == "_FIELD")


def _convert_value(value, factory, as_dict):
    if is_dataclass(value) and not isinstance(value, type):
        if as_dict:
            return factory([(f.name, _convert_value(getattr(value, f.name), factory, True)) for f in fields(value)])
        return factory([_convert_value(getattr(value, f.name), factory, False) for f in fields(value)])
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*[_convert_value(v, factory, as_dict) for v in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_convert_value(v, factory, as_dict) for v in value)
    if isinstance(value, dict):
        return type(value)((_convert_value(k, factory, as_dict), _convert_value(v, factory, as_dict))
                           for k, v in value.items())
    import copy
    return copy.deepcopy(value)


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return _convert_value(obj, dict_factory, True)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return _convert_value(obj, tuple_factory, False)


def replace(obj, /, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, _FIELDS).values():
        if not f.init:
            if f.name in changes:
                raise ValueError("field %s is declared with init=False, it cannot be specified with replace()" % f.name)
            continue
        if f.name not in changes and f._field_type == "_FIELD":
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = "typing.Any"
        elif len(item) == 2:
            annotations[item[0]] = item[1]
        else:
            annotations[item[0]] = item[1]
            ns[item[0]] = item[2]
    ns["__annotations__"] = annotations
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **kwargs)
