"""Fuzz cases (same line format as gen_cases.py) built from random strings
over the grammar's alphabets: format specs, int(s, base) and float(s)
inputs, and carries across decimal boundaries.  Usage:
    python3 gen_fuzz.py OUT SEED COUNT"""
import random, sys, struct
sys.path.insert(0, __import__('os').path.dirname(__file__))
random.seed(int(sys.argv[2]))
N = int(sys.argv[3])
# Longest line kept (wide paddings make huge lines); 0 keeps all.
LIMIT = int(sys.argv[4]) if len(sys.argv) > 4 else 10**9
out = []

def esc(s):
    r = []
    for ch in s:
        if ch == '\\': r.append('\\\\')
        elif ch.isprintable() and ch not in '\t\n\r': r.append(ch)
        else: r.append('\\u{%x}' % ord(ch))
    return ''.join(r)

def bits(x): return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]
def ihex(v): return ('-' if v < 0 else '') + '%x' % abs(v)
def run(f):
    try: return 'OK:' + esc(f())
    except Exception as e: return 'ERR:' + esc(str(e))
def emit(*fields):
    line = '\t'.join([esc(x) for x in fields[:-1]] + [fields[-1]])
    if len(line) <= LIMIT:
        out.append(line)

SPEC = '<>=^+- z#00123456789,_.%bcdeEfFgGnosxX*'
for _ in range(N):
    s = ''.join(random.choice(SPEC) for _ in range(random.randint(0, 7)))
    v = random.choice([0.0, -0.0, 1.5, -1234.5678, 1e20, float('nan'), float('-inf'), 1e-7])
    emit('fmt_f', bits(v), s, run(lambda: format(v, s)))
    i = random.choice([0, 7, -42, 65, 10**20, -2**70])
    emit('fmt_i', ihex(i), s, run(lambda: format(i, s)))
    t = random.choice(['', 'x', 'hello'])
    emit('fmt_s', t, s, run(lambda: format(t, s)))
INT = '0123456789abcxoXOBbz_ +-\t'
for _ in range(N):
    s = ''.join(random.choice(INT) for _ in range(random.randint(0, 8)))
    b = random.choice([0, 0, 2, 8, 10, 16, 36])
    emit('int', s, str(b), run(lambda: str(int(s, b))))
FLT = '0123456789._eE+-infatyINFATY \t'
for _ in range(N):
    s = ''.join(random.choice(FLT) for _ in range(random.randint(0, 8)))
    emit('float', s, run(lambda: bits(float(s))))
for _ in range(N):
    # values just around d.ddd5 * 10^k, where carries change the exponent
    k = random.randint(-30, 30); n = random.randint(1, 17)
    v = float('9' * n + '5') * 10.0 ** (k - n)
    v = random.choice([v, v * (1 + 2**-52), v * (1 - 2**-52)])
    spec = random.choice(['', '#']) + '.' + str(random.randint(0, 18)) + random.choice('eEfgG%n') 
    emit('fmt_f', bits(v), spec, run(lambda: format(v, spec)))
    spec2 = '.' + str(random.randint(0, 18))
    emit('fmt_f', bits(v), spec2, run(lambda: format(v, spec2)))
    nd = random.randint(-5, 20)
    emit('round', bits(v), str(nd), run(lambda: bits(round(v, nd))))
with open(sys.argv[1], 'w', encoding='utf-8') as fh:
    fh.write('\n'.join(out) + '\n')
