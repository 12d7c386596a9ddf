"""JSON encoding and decoding (Ouro's json module): dumps/dump and loads/load with the
common options. The output text matches CPython's for the same options."""

__all__ = ['dump', 'dumps', 'load', 'loads', 'JSONDecodeError']


class JSONDecodeError(ValueError):
    """A parse error: msg, the document doc, the index pos, and 1-based lineno/colno."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        super().__init__(f'{msg}: line {lineno} column {colno} (char {pos})')
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


# -- encoding ------------------------------------------------------------------

_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t',
            '\b': '\\b', '\f': '\\f'}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        esc = _ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
            continue
        code = ord(ch)
        if code < 0x20 or (ensure_ascii and code > 0x7e):
            if code > 0xffff:
                code -= 0x10000
                out.append('\\u%04x\\u%04x' % (0xd800 | (code >> 10), 0xdc00 | (code & 0x3ff)))
            else:
                out.append('\\u%04x' % code)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def _encode_float(f, allow_nan):
    if f != f:
        text = 'NaN'
    elif f == float('inf'):
        text = 'Infinity'
    elif f == -float('inf'):
        text = '-Infinity'
    else:
        return float.__repr__(f)
    if not allow_nan:
        raise ValueError('Out of range float values are not JSON compliant')
    return text


class _Encoder:
    def __init__(self, skipkeys, ensure_ascii, check_circular, allow_nan, indent,
                 separators, default, sort_keys):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.default = default
        self.markers = {} if check_circular else None
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self.indent = indent
        if separators is None:
            separators = (', ', ': ') if indent is None else (',', ': ')
        self.item_sep, self.key_sep = separators

    def encode(self, o):
        parts = []
        self._value(o, parts, 0)
        return ''.join(parts)

    def _enter(self, o):
        if self.markers is not None:
            if id(o) in self.markers:
                raise ValueError('Circular reference detected')
            self.markers[id(o)] = o

    def _leave(self, o):
        if self.markers is not None:
            del self.markers[id(o)]

    def _newline(self, level):
        return '\n' + self.indent * level

    def _value(self, o, out, level):
        if isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(_encode_float(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            self._list(o, out, level)
        elif isinstance(o, dict):
            self._dict(o, out, level)
        else:
            self._enter(o)
            if self.default is None:
                raise TypeError(f'Object of type {type(o).__name__} is not JSON serializable')
            self._value(self.default(o), out, level)
            self._leave(o)

    def _list(self, o, out, level):
        if not o:
            out.append('[]')
            return
        self._enter(o)
        out.append('[')
        sep = self.item_sep
        if self.indent is not None:
            level += 1
            sep += self._newline(level)
            out.append(self._newline(level))
        for i, item in enumerate(o):
            if i:
                out.append(sep)
            self._value(item, out, level)
        if self.indent is not None:
            out.append(self._newline(level - 1))
        out.append(']')
        self._leave(o)

    def _key(self, k):
        if isinstance(k, str):
            return k
        if k is True:
            return 'true'
        if k is False:
            return 'false'
        if k is None:
            return 'null'
        if isinstance(k, int):
            return int.__repr__(k)
        if isinstance(k, float):
            return _encode_float(k, self.allow_nan)
        if self.skipkeys:
            return None
        raise TypeError(f'keys must be str, int, float, bool or None, not {type(k).__name__}')

    def _dict(self, o, out, level):
        if not o:
            out.append('{}')
            return
        self._enter(o)
        out.append('{')
        sep = self.item_sep
        if self.indent is not None:
            level += 1
            sep += self._newline(level)
            out.append(self._newline(level))
        items = sorted(o.items()) if self.sort_keys else o.items()
        first = True
        for k, v in items:
            key = self._key(k)
            if key is None:
                continue
            if not first:
                out.append(sep)
            first = False
            out.append(_encode_str(key, self.ensure_ascii))
            out.append(self.key_sep)
            self._value(v, out, level)
        if self.indent is not None:
            out.append(self._newline(level - 1))
        out.append('}')
        self._leave(o)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    """obj as a JSON str."""
    if cls is not None or kw:
        raise NotImplementedError('json.dumps(cls=...) is not supported by Ouro')
    return _Encoder(skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators,
                    default, sort_keys).encode(obj)


def dump(obj, fp, **kw):
    """Writes dumps(obj, **kw) to the file fp."""
    fp.write(dumps(obj, **kw))


# -- decoding --------------------------------------------------------------------

_WS = ' \t\n\r'
_UNESCAPE = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r',
             't': '\t'}
_NUMBER_CHARS = frozenset('0123456789')


class _Decoder:
    def __init__(self, s, object_hook, parse_float, parse_int, object_pairs_hook, strict):
        self.s = s
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.strict = strict

    def skip_ws(self, i):
        s = self.s
        while i < len(s) and s[i] in _WS:
            i += 1
        return i

    def value(self, i):
        s = self.s
        if i >= len(s):
            raise JSONDecodeError('Expecting value', s, i)
        ch = s[i]
        if ch == '"':
            return self.string(i + 1)
        if ch == '{':
            return self.object(i + 1)
        if ch == '[':
            return self.array(i + 1)
        if s.startswith('null', i):
            return None, i + 4
        if s.startswith('true', i):
            return True, i + 4
        if s.startswith('false', i):
            return False, i + 5
        if s.startswith('NaN', i):
            return float('nan'), i + 3
        if s.startswith('Infinity', i):
            return float('inf'), i + 8
        if s.startswith('-Infinity', i):
            return float('-inf'), i + 9
        return self.number(i)

    def number(self, i):
        s = self.s
        start = i
        if i < len(s) and s[i] == '-':
            i += 1
        if i < len(s) and s[i] == '0':
            i += 1
        elif i < len(s) and s[i] in _NUMBER_CHARS:
            while i < len(s) and s[i] in _NUMBER_CHARS:
                i += 1
        else:
            raise JSONDecodeError('Expecting value', s, start)
        is_float = False
        if i + 1 < len(s) and s[i] == '.' and s[i + 1] in _NUMBER_CHARS:
            is_float = True
            i += 2
            while i < len(s) and s[i] in _NUMBER_CHARS:
                i += 1
        if i < len(s) and s[i] in 'eE':
            j = i + 1
            if j < len(s) and s[j] in '+-':
                j += 1
            if j < len(s) and s[j] in _NUMBER_CHARS:
                is_float = True
                i = j
                while i < len(s) and s[i] in _NUMBER_CHARS:
                    i += 1
        text = s[start:i]
        return (self.parse_float(text) if is_float else self.parse_int(text)), i

    def string(self, i):
        s = self.s
        begin = i - 1
        chunks = []
        while True:
            j = i
            while j < len(s) and s[j] != '"' and s[j] != '\\':
                if self.strict and s[j] < ' ':
                    raise JSONDecodeError('Invalid control character at', s, j)
                j += 1
            chunks.append(s[i:j])
            if j >= len(s):
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            if s[j] == '"':
                return ''.join(chunks), j + 1
            # A backslash escape.
            if j + 1 >= len(s):
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            esc = s[j + 1]
            if esc == 'u':
                code = self.hex4(j + 2, j)
                i = j + 6
                if 0xd800 <= code <= 0xdbff and s.startswith('\\u', i):
                    low = self.hex4(i + 2, i)
                    if 0xdc00 <= low <= 0xdfff:
                        code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00))
                        i += 6
                chunks.append(chr(code))
            else:
                ch = _UNESCAPE.get(esc)
                if ch is None:
                    raise JSONDecodeError('Invalid \\escape', s, j)
                chunks.append(ch)
                i = j + 2

    def hex4(self, i, esc_pos):
        digits = self.s[i:i + 4]
        if len(digits) == 4 and all(c in '0123456789abcdefABCDEF' for c in digits):
            return int(digits, 16)
        raise JSONDecodeError('Invalid \\uXXXX escape', self.s, esc_pos + 1)

    def array(self, i):
        s = self.s
        items = []
        i = self.skip_ws(i)
        if i < len(s) and s[i] == ']':
            return items, i + 1
        while True:
            item, i = self.value(self.skip_ws(i))
            items.append(item)
            i = self.skip_ws(i)
            if i < len(s) and s[i] == ']':
                return items, i + 1
            if i >= len(s) or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i += 1

    def object(self, i):
        s = self.s
        pairs = []
        i = self.skip_ws(i)
        if i < len(s) and s[i] == '}':
            return self.finish_object(pairs), i + 1
        while True:
            if i >= len(s) or s[i] != '"':
                raise JSONDecodeError('Expecting property name enclosed in double quotes', s, i)
            key, i = self.string(i + 1)
            i = self.skip_ws(i)
            if i >= len(s) or s[i] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            value, i = self.value(self.skip_ws(i + 1))
            pairs.append((key, value))
            i = self.skip_ws(i)
            if i < len(s) and s[i] == '}':
                return self.finish_object(pairs), i + 1
            if i >= len(s) or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self.skip_ws(i + 1)

    def finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, strict=True, **kw):
    """The Python value of the JSON document s (str, bytes or bytearray)."""
    if cls is not None or parse_constant is not None or kw:
        raise NotImplementedError('json.loads(cls=..., parse_constant=...) is not supported by Ouro')
    if isinstance(s, (bytes, bytearray)):
        s = s.decode('utf-8')
    elif not isinstance(s, str):
        raise TypeError(f'the JSON object must be str, bytes or bytearray, '
                        f'not {type(s).__name__}')
    if s.startswith('\ufeff'):
        raise JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0)
    dec = _Decoder(s, object_hook, parse_float, parse_int, object_pairs_hook, strict)
    value, end = dec.value(dec.skip_ws(0))
    end = dec.skip_ws(end)
    if end != len(s):
        raise JSONDecodeError('Extra data', s, end)
    return value


def load(fp, **kw):
    """loads(fp.read(), **kw)."""
    return loads(fp.read(), **kw)
