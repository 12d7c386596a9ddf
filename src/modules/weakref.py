"""Weak reference containers and finalize, over the native ref type."""


class WeakValueDictionary:
    """Mapping whose values are held weakly; an entry goes when its value dies."""

    def __init__(self, other=(), **kw):
        self.data = {}
        if other or kw:
            self.update(other, **kw)

    def _remover(self, key):
        selfref = ref(self)

        def remove(wr):
            d = selfref()
            if d is not None and d.data.get(key) is wr:
                del d.data[key]

        return remove

    def __setitem__(self, key, value):
        self.data[key] = ref(value, self._remover(key))

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __len__(self):
        return sum(1 for wr in list(self.data.values()) if wr() is not None)

    def __iter__(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    def __repr__(self):
        return "<WeakValueDictionary at %#x>" % id(self)

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def keys(self):
        return list(self)

    def values(self):
        return [o for o in (wr() for wr in list(self.data.values())) if o is not None]

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((k, o))
        return out

    def pop(self, key, *default):
        try:
            o = self.data.pop(key)()
        except KeyError:
            if default:
                return default[0]
            raise
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kw):
        if hasattr(other, "items"):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def clear(self):
        self.data.clear()

    def copy(self):
        return WeakValueDictionary(self.items())


class _RefKeyed:
    """Shared by WeakKeyDictionary and WeakSet: `self.data` is keyed by weak references
    to the user's objects; dead references are skipped (not yet removed) when counting
    or iterating."""

    def __contains__(self, obj):
        try:
            wr = ref(obj)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return sum(1 for wr in list(self.data) if wr() is not None)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o


class WeakKeyDictionary(_RefKeyed):
    """Mapping whose keys are held weakly; an entry goes when its key dies."""

    def __init__(self, dict=None):
        self.data = {}
        selfref = ref(self)

        def remove(k):
            d = selfref()
            if d is not None:
                try:
                    del d.data[k]
                except KeyError:
                    pass

        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __repr__(self):
        return "<WeakKeyDictionary at %#x>" % id(self)

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def keys(self):
        return list(self)

    def values(self):
        return [v for wr, v in list(self.data.items()) if wr() is not None]

    def items(self):
        out = []
        for wr, v in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((o, v))
        return out

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, **kw):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for k, v in dict:
                self[k] = v
        for k, v in kw.items():
            self[k] = v


class WeakSet(_RefKeyed):
    """Set whose elements are held weakly."""

    def __init__(self, data=None):
        self.data = set()
        selfref = ref(self)

        def remove(item):
            s = selfref()
            if s is not None:
                s.data.discard(item)

        self._remove = remove
        if data is not None:
            for x in data:
                self.add(x)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def __repr__(self):
        return "<WeakSet at %#x>" % id(self)

    def clear(self):
        self.data.clear()


class finalize:
    """Calls func(*args, **kwargs) when obj is garbage collected (at most once)."""

    _registry = {}

    def __init__(self, obj, func, /, *args, **kwargs):
        self._key = object()
        finalize._registry[self._key] = (func, args, kwargs)
        self._ref = ref(obj, self._fire)
        self.atexit = True

    def _fire(self, wr):
        self()

    def __call__(self, _=None):
        info = finalize._registry.pop(self._key, None)
        if info is not None:
            func, args, kwargs = info
            return func(*args, **(kwargs or {}))

    def detach(self):
        info = finalize._registry.pop(self._key, None)
        obj = self._ref()
        if info is not None and obj is not None:
            return (obj, info[0], info[1], info[2])
        return None

    def peek(self):
        info = finalize._registry.get(self._key)
        obj = self._ref()
        if info is not None and obj is not None:
            return (obj, info[0], info[1], info[2])
        return None

    @property
    def alive(self):
        return self._key in finalize._registry
