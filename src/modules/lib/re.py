"""Regular expressions, with the interface of CPython 3.11's `re`.

Patterns are compiled and matched by Ouro's native matcher (`_sre`); this module holds
the Python-facing layer: flags, the Pattern and Match types, the module functions, the
pattern cache, replacement templates for sub/subn, and `re.error`.

Invariants: a Pattern owns one compiled program (`_prog`) that never changes; a Match
holds `regs`, CPython's tuple of (start, end) pairs, (-1, -1) for a group that did not
take part, with group 0 first.
"""

import _sre

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split",
    "findall", "finditer", "compile", "purge", "template", "escape",
    "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U",
    "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
    "UNICODE", "NOFLAG", "RegexFlag",
]

# Declaration order decides the order of names in a combined flag's repr.
_FLAG_NAMES = (
    ("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32),
    ("MULTILINE", 8), ("DOTALL", 16), ("VERBOSE", 64), ("TEMPLATE", 1), ("DEBUG", 128),
)
_ALL_FLAGS = 511


class _FlagType(type):
    def __repr__(cls):
        return "<flag %r>" % cls.__name__


class RegexFlag(int, metaclass=_FlagType):
    """An int whose repr names the flags it combines (`re.IGNORECASE|re.MULTILINE`)."""

    def __repr__(self):
        value = int(self)
        if value == 0:
            return "re.NOFLAG"
        names = []
        for name, bit in _FLAG_NAMES:
            if value & bit:
                names.append("re." + name)
                value &= ~bit
        if not names:
            return "re.RegexFlag(%d)" % int(self)
        if value:
            names.append(hex(value))
        return "|".join(names)

    __str__ = __repr__

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(_ALL_FLAGS & ~int(self))

    @property
    def name(self):
        for name, bit in _FLAG_NAMES:
            if int(self) == bit:
                return name
        return None

    @property
    def value(self):
        return int(self)


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
U = UNICODE = RegexFlag(32)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
X = VERBOSE = RegexFlag(64)
T = TEMPLATE = RegexFlag(1)
DEBUG = RegexFlag(128)


class error(Exception):
    """A pattern or replacement template that cannot be compiled.

    `msg` is the bare message; `pattern` and `pos` say where (pos may be None);
    `lineno` and `colno` are derived from pos.
    """

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


error.__module__ = "re"
PatternError = error


def _check_flags(pattern, flags):
    if isinstance(pattern, str):
        if flags & LOCALE:
            raise ValueError("cannot use LOCALE flag with a str pattern")
        if flags & ASCII and flags & UNICODE:
            raise ValueError("ASCII and UNICODE flags are incompatible")
    else:
        if flags & UNICODE:
            raise ValueError("cannot use UNICODE flag with a bytes pattern")
        if flags & LOCALE and flags & ASCII:
            raise ValueError("ASCII and LOCALE flags are incompatible")


class _Immutable:
    """Patterns and matches never change: copying returns the object itself, and
    `re.Pattern[str]` is the class (as the generic alias is for type hints)."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        return cls


class Pattern(_Immutable):
    """A compiled regular expression (what `re.compile` returns)."""

    def __init__(self, pattern, flags):
        if isinstance(flags, RegexFlag):
            flags = int(flags)
        _check_flags(pattern, flags)
        compiled = _sre.compile(pattern, flags)
        if compiled[0] is None:
            raise error(compiled[1], pattern, compiled[2])
        self._prog, self.groups, names, self.flags = compiled
        self.pattern = pattern
        self._names = names
        self._index = dict(names)

    @property
    def groupindex(self):
        return dict(self._names)

    def _result(self, string, r):
        if r is None:
            return None
        return Match(self, string, r)

    def match(self, string, pos=0, endpos=None):
        return self._result(string, _sre.exec(self._prog, string, pos, endpos, 0))

    def fullmatch(self, string, pos=0, endpos=None):
        return self._result(string, _sre.exec(self._prog, string, pos, endpos, 1))

    def search(self, string, pos=0, endpos=None):
        return self._result(string, _sre.exec(self._prog, string, pos, endpos, 2))

    def finditer(self, string, pos=0, endpos=None):
        results = _sre.scan(self._prog, string, pos, endpos)
        return iter([Match(self, string, r) for r in results])

    def findall(self, string, pos=0, endpos=None):
        return _sre.findall(self._prog, string, pos, endpos)

    def split(self, string, maxsplit=0):
        return _sre.split(self._prog, string, maxsplit)

    def subn(self, repl, string, count=0):
        literal = None
        if callable(repl):
            expand = lambda r: repl(Match(self, string, r))
        else:
            template = _compile_template(self, repl)
            if not template:
                literal = repl[:0]
            elif len(template) == 1 and not isinstance(template[0], int):
                literal = template[0]
            expand = lambda r: _expand_groups(r[4], template, string[:0])
        return _sre.sub(self._prog, string, count, literal, expand)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError("Pattern.scanner is not supported by Ouro")

    def __repr__(self):
        text = repr(self.pattern)
        if len(text) > 200:
            text = text[:200]
        flags = self.flags
        if isinstance(self.pattern, str):
            flags &= ~UNICODE
        if flags:
            return "re.compile(%s, %r)" % (text, RegexFlag(flags))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))


class Match(_Immutable):
    """The result of a successful match: the groups' spans over `string`."""

    def __init__(self, pattern, string, result):
        self.re = pattern
        self.string = string
        self.regs, self.lastindex, self.pos, self.endpos, self._groups = result

    @property
    def lastgroup(self):
        if self.lastindex is None:
            return None
        for name, index in self.re._names:
            if index == self.lastindex:
                return name
        return None

    def _index(self, group):
        if isinstance(group, int):
            if 0 <= group <= self.re.groups:
                return int(group)
        elif isinstance(group, str):
            index = self.re._index.get(group)
            if index is not None:
                return index
        elif hasattr(type(group), "__index__"):
            return self._index(group.__index__())
        raise IndexError("no such group")

    def _get(self, index, default=None):
        text = self._groups[index]
        return default if text is None else text

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, group):
        return self._get(self._index(group))

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re._names}

    def start(self, group=0):
        return self.regs[self._index(group)][0]

    def end(self, group=0):
        return self.regs[self._index(group)][1]

    def span(self, group=0):
        return self.regs[self._index(group)]

    def expand(self, template):
        return _expand_groups(self._groups, _compile_template(self.re, template), self.string[:0])

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.regs[0], self.group(0))


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
_OCT = "01234567"


def _compile_template(pattern, repl):
    """Parses a replacement template into a list of literal pieces and group numbers.

    Raises `error` with CPython's messages and positions for bad escapes and group references.
    """
    is_bytes = isinstance(repl, (bytes, bytearray))
    if is_bytes:
        text = repl.decode("latin-1")
    elif isinstance(repl, str):
        text = repl
    else:
        raise TypeError("expected str instance, %s found" % type(repl).__name__)
    out = []
    literal = []
    i = 0
    n = len(text)

    def flush():
        if literal:
            out.append("".join(literal))
            literal.clear()

    def group_ref(index, at):
        if index > pattern.groups:
            raise error("invalid group reference %d" % index, repl, at)
        flush()
        out.append(index)

    while i < n:
        c = text[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            raise error("bad escape (end of pattern)", repl, start)
        c = text[i]
        i += 1
        if c == "g":
            if i >= n or text[i] != "<":
                raise error("missing <", repl, i)
            close = text.find(">", i + 1)
            if close < 0:
                if i + 1 == n:
                    raise error("missing group name", repl, i + 1)
                raise error("missing >, unterminated name", repl, i + 1)
            name = text[i + 1:close]
            if not name:
                raise error("missing group name", repl, i + 1)
            if name.isdigit() and name.isascii():
                index = int(name)
            elif name.isidentifier() and not (is_bytes and not name.isascii()):
                if name not in pattern._index:
                    raise IndexError("unknown group name '%s'" % name)
                index = pattern._index[name]
            else:
                raise error("bad character in group name '%s'" % name, repl, i + 1)
            i = close + 1
            group_ref(index, start + 3)
        elif c == "0":
            value = 0
            digits = 0
            while digits < 2 and i < n and text[i] in _OCT:
                value = value * 8 + int(text[i])
                i += 1
                digits += 1
            literal.append(chr(value))
        elif c in _DIGITS:
            if (i + 1 < n and c in _OCT and text[i] in _OCT and text[i + 1] in _OCT):
                value = int(text[i - 1:i + 2], 8)
                if value > 0o377:
                    raise error("octal escape value \\%s outside of range 0-0o377" % text[i - 1:i + 2], repl, start)
                literal.append(chr(value))
                i += 2
            else:
                digits = c
                if i < n and text[i] in _DIGITS:
                    digits += text[i]
                    i += 1
                group_ref(int(digits), start + 1)
        elif c in _ESCAPES:
            literal.append(_ESCAPES[c])
        elif c in _ASCII_LETTERS:
            raise error("bad escape \\%s" % c, repl, start)
        else:
            literal.append("\\" + c)
    flush()
    if is_bytes:
        out = [p.encode("latin-1") if isinstance(p, str) else p for p in out]
    return out


def _expand_groups(groups, template, empty):
    """Joins a parsed template's literal pieces and the texts of the groups it names."""
    pieces = []
    for part in template:
        if isinstance(part, int):
            text = groups[part]
            if text is not None:
                pieces.append(text)
        else:
            pieces.append(part)
    return empty.join(pieces)


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            del _cache[next(iter(_cache))]
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def purge():
    _cache.clear()


def template(pattern, flags=0):
    return _compile(pattern, flags | TEMPLATE)


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    if isinstance(pattern, str):
        return "".join("\\" + c if c in _SPECIAL else c for c in pattern)
    text = bytes(pattern).decode("latin-1")
    return "".join("\\" + c if c in _SPECIAL else c for c in text).encode("latin-1")


Pattern.__module__ = "re"
Match.__module__ = "re"
RegexFlag.__module__ = "re"
