# bytearray's mutating methods and their errors.
b = bytearray(b'hello')
for name, f in [('setitem', lambda: b.__setitem__(0, 72)), ('slice-set', lambda: b.__setitem__(slice(1, 3), b'EL')), ('delitem', lambda: b.__delitem__(0)), ('pop', lambda: b.pop()), ('pop0', lambda: b.pop(0)), ('insert', lambda: b.insert(0, 65)), ('remove', lambda: b.remove(65)), ('reverse', lambda: b.reverse()), ('copy', lambda: b.copy()), ('clear', lambda: b.copy().clear()), ('iadd', lambda: b.__iadd__(b'!!')), ('imul', lambda: bytearray(b'ab').__imul__(2)), ('eq', lambda: b == bytearray(b'x')), ('upper', lambda: b.upper()), ('contains', lambda: 108 in b), ('iter', lambda: list(b)), ('slice', lambda: b[1:3]), ('join', lambda: bytearray(b',').join([b'a', b'b']))]:
    try:
        r = f()
        print(name, r, b)
    except Exception as e:
        print(name, 'ERR', type(e).__name__, e)
b[0] = 97; b[1:2] = b'ZZ'; del b[-1]; b += b'?'; print(b)
try:
    b[0] = 300
except ValueError as e: print(e)
try: b.pop(100)
except IndexError as e: print(e)
try: bytearray().pop()
except IndexError as e: print(e)
try: b.remove(1)
except ValueError as e: print(e)
