import json
data = {'name': 'Ouro', 'n': 3, 'pi': 3.14159, 'big': 10**20, 'ok': True, 'none': None,
        'list': [1, 2.5, 'x', [], {}], 'nested': {'b': [False, {'c': 'd'}]}, 'esc': 'a"b\\c\n\t\x01',
        'uni': 'héllo ☃ 😀', 1: 'int key', 2.5: 'float key', None: 'none key', False: 'bool'}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps({'b': 1, 'a': [1, 2, {'z': None}], 'c': {}}, indent=2, sort_keys=True))
print(json.dumps([1, [2, 3]], indent='\t'))
print(json.dumps({'a': 1, 'b': 2}, separators=(',', ':')), json.dumps((1, 2)), json.dumps('x'))
print(json.dumps([float('nan'), float('inf'), -float('inf'), 1e100, -0.0, 1.0]))
print(json.dumps({'s': {1, 2}}, default=sorted), json.dumps({(1,): 2}, skipkeys=True))
text = json.dumps(data)
back = json.loads(text)
print(back == {str(k).lower() if k is not None and not isinstance(k, bool) else json.dumps(k): v for k, v in data.items()} or back)
print(json.loads('{"a": [1, 2.0, -3e2, 0.5E-1, true, false, null], "b": "\\u00e9\\ud83d\\ude00\\n\\/"}'))
print(json.loads(b'[1, "x"]'), json.loads('  7  '), json.loads('"s"'), json.loads('[]'), json.loads('{}'))
print(json.loads('[NaN, Infinity, -Infinity]'), json.loads('-0'), json.loads('1E400'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('[{"x": 1}]', object_hook=lambda d: sorted(d)))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=list), json.loads('[1.5, 2]', parse_float=str, parse_int=float))
for s in ['[1,]', '{"a":1,}', '[1 2]', '{"a" 1}', '{1:2}', '', '  ', 'nul', '"abc', '"a\\x"',
          '"\\u12"', '[1]x', '-', '01', '1.', '1e', '"a\nb"', '{"a":', '[', '\ufeff1', '\n\n  [1,\n  x]']:
    try:
        print(repr(json.loads(s)))
    except json.JSONDecodeError as e:
        print(repr(s), e, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
print(json.loads('"a\nb"', strict=False))
c = []; c.append(c)
for bad in (lambda: json.dumps(c), lambda: json.dumps({'x': object()}), lambda: json.dumps({(1,): 2}),
            lambda: json.dumps(float('nan'), allow_nan=False), lambda: json.loads(5)):
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
