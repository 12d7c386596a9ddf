"""The structured attributes of sys (version_info, implementation, float_info), built on
first use: sys.__getattr__ looks up names here that sys itself does not hold."""


class version_info(tuple):
    """sys.version_info: a 5-tuple whose items also have names."""
    __slots__ = ()
    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return ('sys.version_info(major=%r, minor=%r, micro=%r, releaselevel=%r, serial=%r)'
                % tuple(self))


class float_info(tuple):
    """sys.float_info: the properties of the float type (IEEE 754 binary64)."""
    __slots__ = ()
    _names = ('max', 'max_exp', 'max_10_exp', 'min', 'min_exp', 'min_10_exp', 'dig',
              'mant_dig', 'epsilon', 'radix', 'rounds')

    def __getattr__(self, name):
        try:
            return self[float_info._names.index(name)]
        except ValueError:
            raise AttributeError(f"'sys.float_info' object has no attribute '{name}'") from None

    def __repr__(self):
        return 'sys.float_info(' + ', '.join(
            f'{n}={v!r}' for n, v in zip(float_info._names, self)) + ')'


class _Namespace:
    """A plain attribute bag printed as namespace(k=v, ...)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return 'namespace(' + ', '.join(f'{k}={v!r}' for k, v in self.__dict__.items()) + ')'


version_info = version_info((3, 11, 7, 'final', 0))
float_info = float_info((1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021,
                         -307, 15, 53, 2.220446049250313e-16, 2, 1))
implementation = _Namespace(name='ouro', cache_tag=None, version=version_info,
                            hexversion=0x030b07f0)
