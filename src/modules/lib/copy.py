"""Shallow and deep copies (`copy.copy`, `copy.deepcopy`), as CPython's copy module
makes them for the builtin types and for instances.

Instances are copied by creating `cls.__new__(cls)` and copying the instance
dictionary and `__slots__` values, unless the class defines `__copy__` /
`__deepcopy__(memo)`, or `__reduce_ex__`/`__reduce__` of its own (used with the
protocol's `(callable, args[, state[, listitems[, dictitems]]])` result).
`deepcopy` keeps a memo of id → copy, so shared and cyclic references are preserved.
"""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), int, float, bool, complex, str, bytes, type, range, slice,
           type(Ellipsis), type(NotImplemented), type(len), type(lambda: 0), property)


def _is_atomic(x):
    cls = type(x)
    return cls in _ATOMIC or issubclass(cls, type)


def _own_reduce(cls):
    """The class's own `__reduce_ex__`/`__reduce__` when it (or a base other than
    object) defines one."""
    for name in ("__reduce_ex__", "__reduce__"):
        for base in cls.__mro__:
            if base is object:
                break
            if name in base.__dict__:
                return name
    return None


def _slot_names(cls):
    names = []
    for base in cls.__mro__:
        slots = base.__dict__.get("__slots__", ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in ("__dict__", "__weakref__") and name not in names:
                names.append(name)
    return names


def _copy_instance(x, copy_value):
    cls = type(x)
    y = cls.__new__(cls)
    d = getattr(x, "__dict__", None)
    if d is not None:
        y.__dict__.update({k: copy_value(v) for k, v in d.items()})
    for name in _slot_names(cls):
        if hasattr(x, name):
            setattr(y, name, copy_value(getattr(x, name)))
    return y


def _reconstruct(x, rv, deep, memo):
    if isinstance(rv, str):
        return x
    if not isinstance(rv, tuple) or not 2 <= len(rv) <= 5:
        raise Error("__reduce__ must return a string or a tuple of 2 to 5 items")
    func, args = rv[0], rv[1]
    state = rv[2] if len(rv) > 2 else None
    listitems = rv[3] if len(rv) > 3 else None
    dictitems = rv[4] if len(rv) > 4 else None
    if deep:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state:
                y.__dict__.update(state)
            if slotstate:
                for k, v in slotstate.items():
                    setattr(y, k, v)
    if listitems is not None:
        for item in listitems:
            y.append(deepcopy(item, memo) if deep else item)
    if dictitems is not None:
        for k, v in dictitems:
            if deep:
                k, v = deepcopy(k, memo), deepcopy(v, memo)
            y[k] = v
    return y


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if _is_atomic(x) or cls in (tuple, frozenset):
        return x
    if cls in (list, dict, set, bytearray):
        return cls.copy(x)
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    name = _own_reduce(cls)
    if name is not None:
        rv = x.__reduce_ex__(4) if name == "__reduce_ex__" else x.__reduce__()
        return _reconstruct(x, rv, False, None)
    if isinstance(x, (list, dict, set, bytearray, tuple, frozenset)):
        # A subclass of a builtin container: same class, same items, same attributes.
        y = _copy_instance(x, lambda v: v)
        _fill(y, x, lambda v: v)
        return y
    return _copy_instance(x, lambda v: v)


def _fill(y, x, copy_value):
    if isinstance(x, list):
        y.extend(copy_value(v) for v in x)
    elif isinstance(x, dict):
        for k, v in x.items():
            y[copy_value(k)] = copy_value(v)
    elif isinstance(x, set):
        y.update(copy_value(v) for v in x)
    elif isinstance(x, bytearray):
        y.extend(x)


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x: containers and instances are copied recursively, with
    shared and cyclic references kept as they are in x."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for v in x:
            y.append(deepcopy(v, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple:
        items = [deepcopy(v, memo) for v in x]
        # A tuple is rebuilt only when one of its items changed (it may have been
        # copied meanwhile, through a cycle).
        if d in memo:
            return memo[d]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif cls in (set, frozenset):
        y = cls(deepcopy(v, memo) for v in x)
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        else:
            name = _own_reduce(cls)
            if name is not None:
                rv = x.__reduce_ex__(4) if name == "__reduce_ex__" else x.__reduce__()
                y = _reconstruct(x, rv, True, memo)
            else:
                y = cls.__new__(cls)
                memo[d] = y
                state = getattr(x, "__dict__", None)
                if state is not None:
                    y.__dict__.update(deepcopy(state, memo))
                for name in _slot_names(cls):
                    if hasattr(x, name):
                        setattr(y, name, deepcopy(getattr(x, name), memo))
                if isinstance(x, (list, dict, set, bytearray)):
                    _fill(y, x, lambda v: deepcopy(v, memo))
    if y is not x:
        memo[d] = y
        # Keep x alive while the memo is in use, so that its id is not reused.
        memo.setdefault(id(memo), []).append(x)
    return y
