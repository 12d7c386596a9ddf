"""Tools for functions and callables (Ouro's functools module): reduce, partial, wraps,
lru_cache/cache, total_ordering, cmp_to_key and cached_property."""

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)

_missing = object()


def reduce(function, iterable, initial=_missing, /):
    """Folds iterable from the left: reduce(f, [a, b, c]) is f(f(a, b), c)."""
    it = iter(iterable)
    if initial is _missing:
        try:
            acc = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    else:
        acc = initial
    for item in it:
        acc = function(acc, item)
    return acc


class partial:
    """partial(f, *args, **kw) is a callable that calls f with args and kw first."""

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        if isinstance(func, partial):
            # Flatten: partial(partial(f, 1), 2) calls f(1, 2) directly.
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = super().__new__(cls)
        self.func = func
        self.args = args
        self.keywords = keywords
        return self

    def __call__(self, /, *args, **keywords):
        return self.func(*self.args, *args, **{**self.keywords, **keywords})

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(a) for a in self.args)
        parts.extend(f'{k}={v!r}' for k, v in self.keywords.items())
        name = type(self).__qualname__
        if type(self) is partial:
            name = 'functools.' + name
        return f"{name}({', '.join(parts)})"


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    """Makes wrapper look like wrapped: copies the `assigned` attributes that exist,
    merges the `updated` dicts, and sets wrapper.__wrapped__ = wrapped."""
    for name in assigned:
        try:
            value = getattr(wrapped, name)
        except AttributeError:
            continue
        setattr(wrapper, name, value)
    for name in updated:
        getattr(wrapper, name).update(getattr(wrapped, name, {}))
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator form of update_wrapper."""
    def decorate(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorate


class _CacheInfo(tuple):
    """(hits, misses, maxsize, currsize), printed as CacheInfo(...)."""
    __slots__ = ()

    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % tuple(self)


class _Key(tuple):
    """A call's arguments as one hashable dict key."""
    __slots__ = ()


def _make_key(args, kwargs, typed):
    key = args
    if kwargs:
        key += (_missing,)
        for item in kwargs.items():
            key += item
    if typed:
        key += tuple(type(a) for a in args)
        if kwargs:
            key += tuple(type(v) for v in kwargs.values())
    return _Key(key)


def lru_cache(maxsize=128, typed=False):
    """Caches a function's results by its arguments, keeping the `maxsize` most
    recently used (all of them when maxsize is None)."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # Used bare: @lru_cache
        user_function, maxsize = maxsize, 128
        return _lru_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        return _lru_wrapper(user_function, maxsize, typed)
    return decorating_function


def _lru_wrapper(user_function, maxsize, typed):
    # The dict keeps insertion order: the first key is the least recently used. A hit
    # moves its key to the end; an insertion past maxsize drops the first key.
    cache = {}
    stats = [0, 0]  # hits, misses

    def wrapper(*args, **kwargs):
        if maxsize == 0:
            stats[1] += 1
            return user_function(*args, **kwargs)
        key = _make_key(args, kwargs, typed)
        try:
            result = cache[key]
        except KeyError:
            pass
        else:
            stats[0] += 1
            if maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        stats[1] += 1
        result = user_function(*args, **kwargs)
        if key not in cache:
            cache[key] = result
            if maxsize is not None and len(cache) > maxsize:
                del cache[next(iter(cache))]
        return result

    def cache_info():
        return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        cache.clear()
        stats[0] = stats[1] = 0

    def cache_parameters():
        return {'maxsize': maxsize, 'typed': typed}

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return update_wrapper(wrapper, user_function)


def cache(user_function, /):
    """lru_cache(maxsize=None): an unbounded cache."""
    return lru_cache(maxsize=None)(user_function)


_ORDER_FROM = {
    '__lt__': (('__gt__', lambda self, other: _flip(self.__lt__(other), self, other, True)),
               ('__le__', lambda self, other: _or_eq(self.__lt__(other), self, other)),
               ('__ge__', lambda self, other: _not(self.__lt__(other)))),
    '__le__': (('__ge__', lambda self, other: _flip(self.__le__(other), self, other, False)),
               ('__lt__', lambda self, other: _and_ne(self.__le__(other), self, other)),
               ('__gt__', lambda self, other: _not(self.__le__(other)))),
    '__gt__': (('__lt__', lambda self, other: _flip(self.__gt__(other), self, other, True)),
               ('__ge__', lambda self, other: _or_eq(self.__gt__(other), self, other)),
               ('__le__', lambda self, other: _not(self.__gt__(other)))),
    '__ge__': (('__le__', lambda self, other: _flip(self.__ge__(other), self, other, False)),
               ('__gt__', lambda self, other: _and_ne(self.__ge__(other), self, other)),
               ('__lt__', lambda self, other: _not(self.__ge__(other)))),
}


def _not(r):
    return r if r is NotImplemented else not r


def _or_eq(r, self, other):
    return r if r is NotImplemented else (r or self == other)


def _and_ne(r, self, other):
    return r if r is NotImplemented else (r and self != other)


def _flip(r, self, other, strict):
    # a > b from a < b: neither a < b nor a == b (strict); a >= b from a <= b: not a <= b or a == b.
    if r is NotImplemented:
        return r
    return (not r and self != other) if strict else (not r or self == other)


def total_ordering(cls):
    """Class decorator: given one of __lt__, __le__, __gt__, __ge__ (and __eq__), defines
    the other three."""
    defined = [op for op in _ORDER_FROM
               if getattr(cls, op, None) is not getattr(object, op, None)]
    if not defined:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(defined)  # as CPython: the last in the order __ge__ < __gt__ < __le__ < __lt__
    for name, method in _ORDER_FROM[root]:
        if name not in defined:
            method.__name__ = name
            setattr(cls, name, method)
    return cls


def cmp_to_key(mycmp):
    """Turns an old-style cmp(a, b) -> negative/0/positive function into a key."""
    class K:
        __slots__ = ('obj',)
        __hash__ = None

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0
    return K


class cached_property:
    """A property computed once per instance and then stored in its __dict__."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError('Cannot assign the same cached_property to two different '
                            f'names ({self.attrname!r} and {name!r}).')

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError('Cannot use cached_property instance without calling '
                            '__set_name__ on it.')
        try:
            d = instance.__dict__
        except AttributeError:
            raise TypeError(f"No '__dict__' attribute on {type(instance).__name__!r} "
                            f"instance to cache {self.attrname!r} property.") from None
        value = d.get(self.attrname, _missing)
        if value is _missing:
            value = self.func(instance)
            d[self.attrname] = value
        return value
