"""Functional tools for creating and using iterators (CPython's itertools).

Every iterator type is a class whose instances wrap a generator `_g`; constructors check
their arguments eagerly (and call iter() on their inputs) where CPython's do."""

import sys as _sys

_maxsize = _sys.maxsize


def _nargs(name, args, lo, hi):
    n = len(args)
    if lo == hi and n != lo:
        raise TypeError('%s expected %d argument%s, got %d' % (name, lo, '' if lo == 1 else 's', n))
    if n < lo:
        raise TypeError('%s expected at least %d argument%s, got %d' % (name, lo, '' if lo == 1 else 's', n))
    if hi is not None and n > hi:
        raise TypeError('%s expected at most %d argument%s, got %d' % (name, hi, '' if hi == 1 else 's', n))


def _nokw(name, kw):
    if kw:
        raise TypeError('%s() takes no keyword arguments' % name)


def _index(x, what):
    if type(x) is int:
        return x
    try:
        return type(x).__index__(x)
    except AttributeError:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__) from None


class _base:
    __slots__ = ('_g',)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._g)


class count(_base):
    __slots__ = ('_n', '_step')

    def __init__(self, start=0, step=1):
        for v in (start, step):
            if not isinstance(v, (int, float, complex)) and not hasattr(type(v), '__add__'):
                raise TypeError('a number is required')
            if isinstance(v, str) or isinstance(v, (bytes, list, tuple)):
                raise TypeError('a number is required')
        self._n = start
        self._step = step

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if type(self._step) is int and self._step == 1:
            return '%s(%r)' % (type(self).__name__, self._n)
        return '%s(%r, %r)' % (type(self).__name__, self._n, self._step)


class cycle(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('cycle', kw)
        _nargs('cycle', args, 1, 1)
        self._g = self._gen(iter(args[0]))

    @staticmethod
    def _gen(it):
        saved = []
        for element in it:
            yield element
            saved.append(element)
        if not saved:
            return
        while True:
            for element in saved:
                yield element


class repeat(_base):
    __slots__ = ('_obj', '_times')

    def __init__(self, object=None, times=None, *rest, **kw):
        if rest:
            raise TypeError('repeat() takes at most 2 arguments (%d given)' % (2 + len(rest)))
        self._obj = object
        if times is not None:
            times = _index(times, 'times')
            if times < 0:
                times = 0
        self._times = times

    def __new__(cls, *args, **kw):
        if not args and 'object' not in kw:
            raise TypeError("repeat() missing required argument 'object' (pos 1)")
        return object.__new__(cls)

    def __next__(self):
        t = self._times
        if t is None:
            return self._obj
        if t <= 0:
            raise StopIteration
        self._times = t - 1
        return self._obj

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._obj,)
        return 'repeat(%r, %d)' % (self._obj, self._times)


class accumulate(_base):
    __slots__ = ()

    def __init__(self, iterable, func=None, *, initial=None):
        self._g = self._gen(iter(iterable), func, initial)

    @staticmethod
    def _gen(it, func, initial):
        total = initial
        if initial is None:
            try:
                total = next(it)
            except StopIteration:
                return
        yield total
        if func is None:
            for element in it:
                total = total + element
                yield total
        else:
            for element in it:
                total = func(total, element)
                yield total


class chain(_base):
    __slots__ = ()

    def __init__(self, *iterables, **kw):
        _nokw('chain', kw)
        self._g = self._gen(iter(iterables))

    @staticmethod
    def _gen(iterables):
        for it in iterables:
            for element in it:
                yield element

    @classmethod
    def from_iterable(cls, iterable):
        self = cls.__new__(cls)
        self._g = cls._gen(iter(iterable))
        return self


class compress(_base):
    __slots__ = ()

    def __init__(self, data=None, selectors=None, *rest, **kw):
        if 'data' in kw:
            data = kw.pop('data')
        if 'selectors' in kw:
            selectors = kw.pop('selectors')
        self._g = (d for d, s in zip(iter(data), iter(selectors)) if s)

    def __new__(cls, *args, **kw):
        if not args and 'data' not in kw:
            raise TypeError("compress() missing required argument 'data' (pos 1)")
        if len(args) < 2 and 'selectors' not in kw:
            raise TypeError("compress() missing required argument 'selectors' (pos 2)")
        return object.__new__(cls)


class dropwhile(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('dropwhile', kw)
        _nargs('dropwhile', args, 2, 2)
        self._g = self._gen(args[0], iter(args[1]))

    @staticmethod
    def _gen(predicate, it):
        for x in it:
            if not predicate(x):
                yield x
                break
        for x in it:
            yield x


class takewhile(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('takewhile', kw)
        _nargs('takewhile', args, 2, 2)
        self._g = self._gen(args[0], iter(args[1]))

    @staticmethod
    def _gen(predicate, it):
        for x in it:
            if predicate(x):
                yield x
            else:
                break


class filterfalse(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('filterfalse', kw)
        _nargs('filterfalse', args, 2, 2)
        self._g = self._gen(args[0], iter(args[1]))

    @staticmethod
    def _gen(predicate, it):
        if predicate is None:
            predicate = bool
        for x in it:
            if not predicate(x):
                yield x


class starmap(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('starmap', kw)
        _nargs('starmap', args, 2, 2)
        self._g = self._gen(args[0], iter(args[1]))

    @staticmethod
    def _gen(function, it):
        for args in it:
            if not isinstance(args, tuple):
                args = tuple(args)
            yield function(*args)


class pairwise(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('pairwise', kw)
        _nargs('pairwise', args, 1, 1)
        self._g = self._gen(iter(args[0]))

    @staticmethod
    def _gen(it):
        try:
            a = next(it)
        except StopIteration:
            return
        for b in it:
            yield a, b
            a = b


class islice(_base):
    __slots__ = ()

    def __init__(self, *args, **kw):
        _nokw('islice', kw)
        _nargs('islice', args, 2, 4)
        it = iter(args[0])
        if len(args) == 2:
            start, stop, step = 0, args[1], 1
        else:
            start = args[1]
            stop = args[2]
            step = args[3] if len(args) == 4 else 1
        if stop is not None:
            try:
                stop = _index(stop, '')
            except TypeError:
                stop = -1
            if stop < 0 or stop > _maxsize:
                if len(args) == 2:
                    raise ValueError('Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
                raise ValueError('Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
        if start is None:
            start = 0
        else:
            try:
                start = _index(start, '')
            except TypeError:
                start = -1
            if start < 0 or start > _maxsize:
                raise ValueError('Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
        if step is None:
            step = 1
        else:
            try:
                step = _index(step, '')
            except TypeError:
                step = -1
            if step < 1 or step > _maxsize:
                raise ValueError('Step for islice() must be a positive integer or None.')
        self._g = self._gen(it, start, stop, step)

    @staticmethod
    def _gen(it, start, stop, step):
        i = 0
        nexti = start
        if stop is not None and stop <= start:
            # CPython still consumes the first `stop` items.
            for _ in range(stop):
                try:
                    next(it)
                except StopIteration:
                    return
            return
        for element in it:
            if i == nexti:
                yield element
                nexti += step
            i += 1
            if stop is not None and i >= stop:
                return
            if stop is not None and nexti >= stop:
                # consume up to stop like CPython does lazily: nothing more is yielded
                while i < stop:
                    try:
                        next(it)
                    except StopIteration:
                        return
                    i += 1
                return


class zip_longest(_base):
    __slots__ = ()

    def __init__(self, *args, fillvalue=None):
        self._g = self._gen([iter(a) for a in args], fillvalue)

    @staticmethod
    def _gen(iterators, fillvalue):
        num_active = len(iterators)
        if not num_active:
            return
        iterators = list(iterators)
        while True:
            values = []
            for i, it in enumerate(iterators):
                try:
                    value = next(it)
                except StopIteration:
                    num_active -= 1
                    if not num_active:
                        return
                    iterators[i] = repeat(fillvalue)
                    value = fillvalue
                values.append(value)
            yield tuple(values)


class product(_base):
    __slots__ = ()

    def __init__(self, *args, repeat=1):
        repeat = _index(repeat, 'repeat')
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        pools = [tuple(pool) for pool in args] * repeat
        self._g = self._gen(pools)

    @staticmethod
    def _gen(pools):
        n = len(pools)
        for p in pools:
            if not p:
                return
        idx = [0] * n
        yield tuple(p[0] for p in pools)
        while True:
            i = n - 1
            while i >= 0:
                idx[i] += 1
                if idx[i] < len(pools[i]):
                    break
                idx[i] = 0
                i -= 1
            if i < 0:
                return
            yield tuple(pools[j][idx[j]] for j in range(n))


def _get_r(r):
    if type(r) is not int:
        if isinstance(r, int):
            r = int(r)
        else:
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(r).__name__)
    if r < 0:
        raise ValueError('r must be non-negative')
    return r


class permutations(_base):
    __slots__ = ()

    def __init__(self, iterable, r=None):
        pool = tuple(iterable)
        n = len(pool)
        if r is None:
            r = n
        elif not isinstance(r, int):
            raise TypeError('Expected int as r')
        elif r < 0:
            raise ValueError('r must be non-negative')
        self._g = self._gen(pool, n, r)

    @staticmethod
    def _gen(pool, n, r):
        if r > n:
            return
        indices = list(range(n))
        cycles = list(range(n, n - r, -1))
        yield tuple(pool[i] for i in indices[:r])
        while n:
            for i in reversed(range(r)):
                cycles[i] -= 1
                if cycles[i] == 0:
                    indices[i:] = indices[i + 1:] + indices[i:i + 1]
                    cycles[i] = n - i
                else:
                    j = cycles[i]
                    indices[i], indices[-j] = indices[-j], indices[i]
                    yield tuple(pool[i] for i in indices[:r])
                    break
            else:
                return


class combinations(_base):
    __slots__ = ()

    def __init__(self, iterable, r):
        pool = tuple(iterable)
        r = _get_r(r)
        self._g = self._gen(pool, r)

    def __new__(cls, *args, **kw):
        if not args and 'iterable' not in kw:
            raise TypeError("%s() missing required argument 'iterable' (pos 1)" % cls.__name__)
        if len(args) < 2 and 'r' not in kw:
            raise TypeError("%s() missing required argument 'r' (pos 2)" % cls.__name__)
        return object.__new__(cls)

    @staticmethod
    def _gen(pool, r):
        n = len(pool)
        if r > n:
            return
        indices = list(range(r))
        yield tuple(pool[i] for i in indices)
        while True:
            for i in reversed(range(r)):
                if indices[i] != i + n - r:
                    break
            else:
                return
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
            yield tuple(pool[i] for i in indices)


class combinations_with_replacement(_base):
    __slots__ = ()

    def __init__(self, iterable, r):
        pool = tuple(iterable)
        r = _get_r(r)
        self._g = self._gen(pool, r)

    __new__ = combinations.__new__

    @staticmethod
    def _gen(pool, r):
        n = len(pool)
        if not n and r:
            return
        indices = [0] * r
        yield tuple(pool[i] for i in indices)
        while True:
            for i in reversed(range(r)):
                if indices[i] != n - 1:
                    break
            else:
                return
            indices[i:] = [indices[i] + 1] * (r - i)
            yield tuple(pool[i] for i in indices)


class groupby(_base):
    __slots__ = ('keyfunc', 'it', 'tgtkey', 'currkey', 'currvalue', 'id')

    def __init__(self, iterable, key=None):
        if key is None:
            key = _identity
        self.keyfunc = key
        self.it = iter(iterable)
        self.tgtkey = self.currkey = self.currvalue = object()
        self.id = None

    def __new__(cls, *args, **kw):
        if not args and 'iterable' not in kw:
            raise TypeError("groupby() missing required argument 'iterable' (pos 1)")
        return object.__new__(cls)

    def __next__(self):
        self.id = object()
        while self.currkey == self.tgtkey:
            self.currvalue = next(self.it)
            self.currkey = self.keyfunc(self.currvalue)
        self.tgtkey = self.currkey
        g = _grouper.__new__(_grouper)
        g._g = self._grouper(self.tgtkey, self.id)
        return (self.currkey, g)

    def _grouper(self, tgtkey, id):
        while self.id is id and self.currkey == tgtkey:
            yield self.currvalue
            try:
                self.currvalue = next(self.it)
            except StopIteration:
                return
            self.currkey = self.keyfunc(self.currvalue)


def _identity(x):
    return x


class _grouper(_base):
    __slots__ = ()


class _tee_link:
    __slots__ = ('value', 'next')

    def __init__(self):
        self.next = None


class _tee:
    __slots__ = ('_it', '_link')

    def __init__(self, it, link):
        self._it = it
        self._link = link

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link
        if link.next is None:
            value = next(self._it)
            link.value = value
            link.next = _tee_link()
        self._link = link.next
        return link.value

    def __copy__(self):
        return _tee(self._it, self._link)


def tee(iterable, n=2, /):
    n = _index(n, 'n')
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(iterable)
    if n == 0:
        return ()
    if isinstance(it, _tee):
        first = it
        it = first._it
        link = first._link
        return (first,) + tuple(_tee(it, link) for _ in range(n - 1))
    link = _tee_link()
    return tuple(_tee(it, link) for _ in range(n))


for _cls in (count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile,
             filterfalse, starmap, pairwise, islice, zip_longest, product, permutations,
             combinations, combinations_with_replacement, groupby, _grouper, _tee):
    _cls.__module__ = 'itertools'
del _cls
