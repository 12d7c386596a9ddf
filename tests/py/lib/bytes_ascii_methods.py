# bytes methods are ASCII-only for case, digits and spaces; splitlines, isascii, translate,
# maketrans, removeprefix/suffix, rindex, expandtabs.
for b in [b'\xe9', b'\xe9abc', b'a\xe9', b'ABC def', b' \x1c x \x85\xa0 ', b'Hello World', b'12', b'a\tb']:
    print(b.upper(), b.lower(), b.title(), b.swapcase(), b.capitalize(), b.isalpha(), b.isupper(), b.islower(), b.isspace(), b.isdigit(), b.istitle(), b.isascii(), b.split(), b.strip(), b.expandtabs(4))
print(b'a\nb\r\nc\rd\x0be\x1cf'.splitlines(), b'x\ny\n'.splitlines(True), bytearray(b'p\nq').splitlines())
t = bytes.maketrans(b'abc', b'xyz')
print(b'aabbcc'.translate(t), b'hello'.translate(None, b'l'), bytearray(b'abc').translate(t, b'c'), len(t))
print(b'prefix-body'.removeprefix(b'prefix-'), b'body.txt'.removesuffix(b'.txt'), b'abcabc'.rindex(b'b'))
try: b'abc'.rindex(b'z')
except ValueError as e: print(e)
try: bytes.maketrans(b'ab', b'c')
except ValueError as e: print(e)
try: b'x'.translate(b'short')
except ValueError as e: print(e)
