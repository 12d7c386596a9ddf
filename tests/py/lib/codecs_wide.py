# The utf-16 and utf-32 codecs (plain, -le, -be) and utf-8-sig: BOMs, errors, handlers.
for b, e in [(b'\xff\xfea', 'utf-16'), (b'\x00\xd8\x00', 'utf-16-le'), (b'\x00\xd8a\x00', 'utf-16-le'), (b'\x00\xdc', 'utf-16-le'), (b'\x00\x00\x11\x00', 'utf-32-le'), (b'ab', 'utf-32'), (b'\x00\xd8\x00\x00', 'UTF_32')]:
    try:
        print(b.decode(e))
    except UnicodeDecodeError as x:
        print(x, x.start, x.end, x.encoding)
print(b'\x00\xd8a\x00b\x00'.decode('utf-16-le', 'replace'), b'\x00\xd8a\x00'.decode('utf-16-le', 'ignore'))
print('hé😀'.encode('utf-16'), 'hé😀'.encode('utf-16-be'), 'h😀'.encode('utf-32'), 'a'.encode('utf-8-sig'), b'\xef\xbb\xbfa'.decode('utf-8-sig'), b'\xfe\xff\x00a'.decode('utf-16'))
print(b'a\x00\x00\x00\x00\xd8\x00\x00'.decode('utf-32-le', 'replace'))
for enc in ['utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be', 'utf_16', 'UTF16']:
    s = 'mixed ascii, é, 中文, 😀'
    print(enc, s.encode(enc).decode(enc) == s, len(s.encode(enc)))
print(bytes('abc', 'utf-16-le'), str(b'a\x00', 'utf-16-le'))
