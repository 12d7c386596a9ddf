# Numbers as text: printf-style formatting (str and bytes), format() specs with
# fill, alignment, sign, zero padding and grouping, and hex/oct/bin.
values = [0, 7, -42, 255, 123456789, -(2 ** 70), 3.25, -0.5, 1e20, 'abc', 'é€x', 65]
for conv in 'diouxXeEfgsrac':
    for flags in ['', '-', '+', ' ', '#', '0', '-0', '+#']:
        for width, prec in [('', ''), ('6', ''), ('12', '.2'), ('1', '.0')]:
            fmt = '<%' + flags + width + prec + conv + '>'
            row = []
            for v in values:
                try:
                    row.append(fmt % (v,))
                except Exception as e:
                    row.append(type(e).__name__ + ': ' + str(e))
            print(fmt, ' '.join(row))
print('%s %s' % ('a', 'b'), '%(x)s-%(y)d' % {'x': 1, 'y': 2}, '%*d|%-*.*f' % (5, 3, 8, 2, 3.14159))
for fmt, arg in [('%', ('a',)), ('%(x', ('a',)), ('%(x)s', ('a',)), ('%s %s', ('a',)), ('%d', ('a',))]:
    try:
        print(fmt % arg)
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
for fmt, arg in [(b'%c', 3.5), (b'%c', 'a'), (b'%c', 300), (b'%c', 65), (b'%c', b'q'), (b'%c', bytearray(b'z')), (b'%c', b'ab'), (b'%5c|%-3c', (b'x', 66))]:
    try:
        print(fmt % arg)
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))

numbers = [0, 1, -1, 255, -4096, 123456789, 2 ** 70, -(2 ** 65), 3.25, -0.5, 1e20, -2.5e-7]
for spec in ['', '*<8', '*>8', '*^9', '=+10', '010', '+012,', '_>14_', ' 5', '#x', '#012X', 'o', '#b', 'é^11', '0=+9,d', ',', '_', '8.3f', '+.2e', '012.1%', 'g', '>12.4G']:
    row = []
    for v in numbers:
        try:
            row.append(format(v, spec))
        except Exception as e:
            row.append(type(e).__name__)
    print(repr(spec), ' '.join(row))
for x in [0, 5, -5, 255, -255, 2 ** 40, -(2 ** 63), 2 ** 64, -(2 ** 100)]:
    print(hex(x), oct(x), bin(x), '%x %X %o %#x %#o %5d %-5d|' % (x, x, x, x, x, x, x))
