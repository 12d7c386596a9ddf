"""Generate tests/format_cases.txt: CPython 3.11 reference outputs for the
format module.  Line format: KIND<TAB>FIELD...<TAB>RESULT, where each field
escapes '\\', tab, newline and non-printable characters as \\u{HEX}, and
RESULT is 'OK:<text>' or 'ERR:<message>'."""
import random, struct, sys, math

random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 20240611)
SCALE = int(sys.argv[3]) if len(sys.argv) > 3 else 1
out = []

def esc(s):
    r = []
    for ch in s:
        if ch == '\\': r.append('\\\\')
        elif ch.isprintable() and ch not in '\t\n\r': r.append(ch)
        else: r.append('\\u{%x}' % ord(ch))
    return ''.join(r)

def bits(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]

def run(f):
    try:
        return 'OK:' + esc(f())
    except Exception as e:
        return 'ERR:' + esc(str(e))

def emit(kind, *fields):
    out.append('\t'.join([kind] + [esc(str(x)) if not isinstance(x, str) else esc(x) for x in fields[:-1]] + [fields[-1]]))

def ihex(v):
    return ('-' if v < 0 else '') + '%x' % abs(v)

def rand_float():
    r = random.random()
    if r < 0.25:
        while True:
            x = struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0]
            if not math.isnan(x): return x
    if r < 0.45:
        # short decimals: ties and near-ties in decimal
        d = random.randint(0, 10**random.randint(1, 8))
        return float('%de%d' % (d, random.randint(-12, 12))) * random.choice([1, -1])
    if r < 0.55:
        return (random.randint(0, 2000) + 0.5) / 10**random.randint(0, 5) * random.choice([1, -1])
    if r < 0.65:
        return random.choice([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 5e-324, -5e-324,
                              1.7976931348623157e308, 2.2250738585072014e-308, 2.675, 0.125, 0.375,
                              1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.1, 0.5, 1.5, 2.5, 100.0,
                              123456789012345678.0, 2**53 + 2.0, 1e22, 1e23, 0.3, 1/3, 2/3, 1e300, 1e-300])
    if r < 0.8:
        return random.uniform(-1, 1) * 10 ** random.randint(-30, 30)
    return float(random.randint(-10**6, 10**6))

def rand_int():
    r = random.random()
    if r < 0.3: return random.randint(-1000, 1000)
    if r < 0.6: return random.randint(-10**12, 10**12)
    if r < 0.8: return random.randint(-2**200, 2**200)
    if r < 0.9: return random.choice([0, 1, -1, 65, 0x10ffff, 0x110000, 2**63, -2**63, 2**64, 10**30, 255])
    return random.randint(-2**64, 2**64)

def rand_spec(kind):
    p = []
    if random.random() < 0.35:
        a = random.choice('<>=^')
        if random.random() < 0.5:
            p.append(random.choice(' *0xé{-+#'))
        p.append(a)
    if random.random() < 0.35: p.append(random.choice('+- '))
    if kind == 'f' and random.random() < 0.15: p.append('z')
    if random.random() < 0.2: p.append('#')
    if random.random() < 0.25: p.append('0')
    if random.random() < 0.5: p.append(str(random.randint(0, 30)))
    if random.random() < 0.25: p.append(random.choice(',_'))
    if random.random() < (0.6 if kind == 'f' else 0.1):
        p.append('.' + str(random.choice([0, 1, 2, 3, 5, 6, 10, 17, 20, random.randint(0, 60)])))
    if kind == 'f': types = ['', '', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%']
    elif kind == 'i': types = ['', '', 'b', 'c', 'd', 'o', 'x', 'X', 'n', 'e', 'f', 'g', '%', 'E', 'G', 'F']
    else: types = ['', 's', 's']
    if random.random() < 0.03: types = ['s', 'd', 'q', 'r', '\x01', 'Ā']
    p.append(random.choice(types))
    return ''.join(p)

FIXED_FLOAT = [(2.675, '.2f'), (0.125, '.2f'), (1e300, 'f'), (1e300, '.3e'), (5e-324, '.1000f'),
               (5e-324, '.800e'), (0.1, '.60f'), (0.1, '.60e'), (0.1, '.60g'), (0.1, '#.60g'),
               (1e16, '#'), (1.0, '#'), (1.0, '.0'), (1e5, '.3'), (123.0, '.3'), (float('inf'), '010'),
               (float('inf'), '010,'), (float('-inf'), '=+12,'), (float('nan'), '+'), (float('nan'), 'F'),
               (float('-inf'), 'E'), (-0.0, 'z'), (-0.0001, 'z.2f'), (-0.0, 'z.3e'), (-0.0, 'z%'),
               (1234.5, '010,'), (1234.5, '0=20_.3f'), (1234567.891, ',.2f'), (-1234567.891, '_g'),
               (0.5, '.0f'), (1.5, '.0f'), (2.5, '.0f'), (-0.5, '.0f'), (0.5, '.0e'), (9.5, '.0e'),
               (99.99, '.3g'), (99.99, '.1g'), (0.0001, 'g'), (0.00001, 'g'), (1e16, ''), (1e16, 'n'),
               (1.5, 'abc'), (1.5, 'd'), (1.5, ',_'), (1.5, '_,'), (1.5, '.'), (1.5, '.99999999999'),
               (1.5, '.3000000000f'), (1.5, '99999999999999999999'), (1.5, '٣'), (1.5, '.٣f'),
               (1.5, ',n'), (1.5, '\x00'), (1.5, '.2\x01'), (1.5, 'ë<10'), (12.5, '^+#012_.3%')]
FIXED_INT = [(1, 'abc'), (1, 'z'), (1, '.2'), (65, '+c'), (65, '#c'), (2**70, 'c'), (-1, 'c'),
             (0x110000, 'c'), (1, 's'), (1, ',c'), (1, '_n'), (1, ',_'), (1, '.'), (255, '#X'),
             (10**400, 'e'), (1, '07_x'), (2**64, '#030_b'), (2**70, '099,d'), (1, '\x00'),
             (1, 'Ā'), (1, ',Ā'), (1, '٣'), (1, '.٣'), (1, '.2\x01'), (65, '05c'), (65, '^9c'),
             (10**5000, ''), (10**5000, 'd'), (10**5000, 'x'), (-255, '#o'), (-255, '+#_b'),
             (0, '#x'), (-0, '+'), (123, ' 8'), (-123, '=8'), (123, 'x=+8'), (1234, '0=10,'),
             (2**1023 * 2 - 2**970, 'e'), (2**1024 - 2**970, 'e'), (2**1024 - 2**971, 'g'),
             (2**53 + 1, 'f'), (2**54 + 3, '.0f'), (12345678901234567891, 'e')]
FIXED_STR = [('s', 'abc'), ('s', ' 5'), ('s', '+5'), ('s', '=5'), ('s', '#'), ('s', ','), ('s', 'z'),
             ('ab', '05'), ('a', 'd'), ('abcdef', '.3'), ('abc', '^10'), ('abc', '*^10.2'),
             ('héllo', '>8'), ('😀', 'x^5'), ('', '5'), ('abc', '.0'), ('abc', '<'), ('abc', '_'),
             ('abc', '0=5')]

for v, s in FIXED_FLOAT:
    emit('fmt_f', bits(v), s, run(lambda: format(v, s)))
for v, s in FIXED_INT:
    emit('fmt_i', ihex(v), s, run(lambda: format(v, s)))
for v, s in FIXED_STR:
    emit('fmt_s', v, s, run(lambda: format(v, s)))

for _ in range(1800 * SCALE):
    v = rand_float(); s = rand_spec('f')
    emit('fmt_f', bits(v), s, run(lambda: format(v, s)))
for _ in range(1000 * SCALE):
    v = rand_int(); s = rand_spec('i')
    emit('fmt_i', ihex(v), s, run(lambda: format(v, s)))
for _ in range(300 * SCALE):
    v = random.choice(['', 'a', 'abc', 'héllo wörld', '日本語', 'x' * 40]); s = rand_spec('s')
    emit('fmt_s', v, s, run(lambda: format(v, s)))

# repr
REPR = [5e-324, 1.7976931348623157e308, 0.1 + 0.2, 1e16, 1e-5, 1e-4, 123456789.0, 2.0**53 + 2,
        1234567890123456.8, 123456789012345.0, 9999999999999998.0, 1e15, 1e17, 1.5e300, 0.0, -0.0,
        float('inf'), float('-inf'), float('nan'), 2.2250738585072014e-308, 2.225073858507201e-308]
for v in REPR + [rand_float() for _ in range(600 * SCALE)]:
    emit('repr', bits(v), run(lambda: repr(v)))

# round
for _ in range(600 * SCALE):
    v = rand_float()
    nd = random.choice([0, 1, 2, 3, -1, -2, random.randint(-320, 330)])
    emit('round', bits(v), str(nd), run(lambda: bits(round(v, nd))))
for v, nd in [(2.675, 2), (1.5, 0), (123.456, -1), (-0.4, 0), (5.0, -1), (15.0, -1), (25.0, -1),
              (1.7976931348623157e308, -308), (1.7976931348623157e308, -307), (0.5, 0), (-0.5, 0),
              (5e-324, 323), (5e-324, 324), (1e300, -400)]:
    emit('round', bits(v), str(nd), run(lambda: bits(round(v, nd))))

# percent
def rand_flags():
    return ''.join(random.sample('-+ #0', random.randint(0, 3)))
def pct(flags, width, prec, conv):
    return '%' + flags + ('' if width is None else str(width)) + ('' if prec is None else '.' + str(prec)) + conv
for _ in range(700 * SCALE):
    v = rand_int(); f = rand_flags(); w = random.choice([None, None, random.randint(0, 25)])
    p = random.choice([None, None, random.randint(0, 20)]); c = random.choice('diuoxX')
    emit('pint', ihex(v), f, '' if w is None else str(w), '' if p is None else str(p), c,
         run(lambda: pct(f, w, p, c) % v))
for _ in range(600 * SCALE):
    v = rand_float(); f = rand_flags(); w = random.choice([None, None, random.randint(0, 25)])
    p = random.choice([None, None, random.randint(0, 20)]); c = random.choice('eEfFgG')
    emit('pflt', bits(v), f, '' if w is None else str(w), '' if p is None else str(p), c,
         run(lambda: pct(f, w, p, c) % v))
for _ in range(200 * SCALE):
    v = random.choice(['', 'a', 'abc', 'héllo', '日本語']); f = rand_flags()
    w = random.choice([None, random.randint(0, 12)]); p = random.choice([None, random.randint(0, 5)])
    c = random.choice('sra')
    emit('pstr', v, f, '' if w is None else str(w), '' if p is None else str(p), c,
         run(lambda: pct(f, w, p, 's') % ({'s': str, 'r': repr, 'a': ascii}[c](v))))

# int(s, base)
INTS = ['abc', '1__0', '_1', ' 12 ', '0x_1f', '1e3', '\u0661\u0662', '0_7', '0_0', '00', '010',
        '0b', ' -0x10 ', '1_', '0_', '0x', '+ 1', '\x1c12', '12\x85', '\u300012', '\x0b12\x0c',
        '-0', '+0b1_0', '0B11', '0o_7', '0O17', 'z', 'Z', '-zz', '', ' ', '1 2', '١٢٣', '0x1G',
        "it's", 'a"b\'c', 'tab\there', '\x00', '9' * 700, '7' * 4301, '1' * 5000 + 'x', 'x' * 300,
        '0b102', '0o78', '٠x1', '𝟙𝟚', '１２']
for s in INTS:
    for b in ((0, 2, 8, 10, 16, 36, 1, 37) if len(s) < 100 else (10, 16)):
        emit('int', s, str(b), run(lambda: str(int(s, b)) if len(s) < 4000 else hex(int(s, b))))
for _ in range(300 * SCALE):
    v = rand_int(); b = random.choice([2, 3, 7, 8, 10, 16, 36])
    digits = '0123456789abcdefghijklmnopqrstuvwxyz'
    n = abs(v); t = ''
    while True:
        t = digits[n % b] + t; n //= b
        if n == 0: break
    if random.random() < 0.3: t = t.upper()
    if random.random() < 0.3 and len(t) > 2: t = t[:1] + '_' + t[1:]
    t = ('-' if v < 0 else random.choice(['', '+'])) + t
    emit('int', t, str(b), run(lambda: str(int(t, b))))

# float(s)
FLOATS = ['1_0.5', '1._5', '1.5_', '1e1_0', '1_e5', 'inf', '-Infinity', '+nAn', 'in f', '1e', '.5',
          '5.', '.', 'e5', '1.5e+3', '0x10', '1e500', '-1e-500', '١.٥', ' 1 ', 'nan_', '1__0',
          'infinit', '1.5e', '1.5E-3', '١_٥', '\x1c1', '1\x85', '', ' ', '-', '+.5', '-.5e-3',
          '2.5e-324', '2.4703282292062328e-324', '2.4703282292062327e-324', '1.7976931348623158e308',
          '1.7976931348623159e308', '0.1', '3.14159265358979323846264338327950288', '1e+', 'iNfInItY',
          '-0', '00012.5000', '1_2_3.4_5e1_0', 'abc', "it's", '1.0f', '1,5', '1 5', '--1', '+-1']
for s in FLOATS:
    emit('float', s, run(lambda: bits(float(s))))
for _ in range(300 * SCALE):
    v = rand_float()
    t = random.choice([repr(v), '%.17g' % v, '%.25e' % v, '%.3f' % v])
    emit('float', t, run(lambda: bits(float(t))))

with open(sys.argv[1] if len(sys.argv) > 1 else 'format_cases.txt', 'w', encoding='utf-8') as fh:
    fh.write('\n'.join(out) + '\n')
