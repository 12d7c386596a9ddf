# re: compile errors and positions, template errors, flag checks, Match accessors, pos/endpos.
import re
for p in ['(', 'a)', '*', 'a**', '[a', r'\q', '[z-a]', '(?P<n>a)(?P=m)', r'(a)\2', '(?<=a*)b', 'a{3,2}', '(?i', '(?P<1>a)', 'x(?i)y', '(?z)', 'a\n(', '(?P<n>a)(?P<n>b)', '\\']:
    try:
        re.compile(p)
        print(repr(p), 'compiled')
    except re.error as e:
        print(repr(p), '->', e, '|', e.msg, e.pos, e.lineno, e.colno)
for repl in [r'\q', r'\3', r'\g<x>', r'\g<', r'\g<1', r'\g<>', r'\g<a-b>', '\\', r'\0', r'\10', r'\g<10>', r'\07', r'\n\t\\']:
    try:
        print(repr(repl), repr(re.sub('(a)', repl, 'ab')))
    except (re.error, IndexError) as e:
        print(repr(repl), type(e).__name__, e)
for flags in [re.L, re.A | re.U]:
    try:
        re.compile('a', flags)
    except ValueError as e:
        print(e)
try:
    re.compile(b'a', re.U)
except ValueError as e:
    print(e)
try:
    re.compile(re.compile('a'), re.I)
except ValueError as e:
    print(e)
try:
    re.compile(5)
except TypeError as e:
    print(e)
m = re.match('(a)(b)?', 'a')
for g in [0, 1, 2, 3, 'x', -1]:
    try:
        print(g, m.group(g), m.span(g))
    except IndexError as e:
        print(g, 'IndexError', e)
print(m.groups(), m.groups('-'), m.group(1, 2, 0))
print(re.compile('a', re.I | re.M), re.compile(b'a'), re.compile('x' * 300)!=None)
print(re.sub('a', 'b', 'xyz'), re.sub('', '-', 'ab'), re.split('', 'ab'), re.findall('', 'ab'))
print(re.match(r'\d+', '١٢٣'), re.match(r'(?a)\d+', '١٢٣'), re.match(r'\w+', 'naïve'))
print(re.sub(r'(?i)straße', 'X', 'STRASSE strasse Straße'))
print(re.search(r'a{2,}?', 'aaaa'), re.search(r'(?>a+)b', 'aaab'), re.search(r'a++b', 'aab'))
print(re.findall(r'(?m)^\w+$', 'one\ntwo\n'), re.findall(r'$', 'a\n'), re.search(r'\Z', 'a\n').span())
print(re.compile(r'(?P<first>\w+) (?P<last>\w+)').sub(r'\g<last> \g<first>', 'John Smith'))
pat = re.compile(r'\d')
print(pat.search('abc123', 4), pat.match('abc123', 3), pat.findall('1a2b3c', 1, 4), pat.fullmatch('12', 1))
print(re.sub('a', lambda m: None or '', 'banana'))
print(re.RegexFlag, re.NOFLAG, int(re.I | re.S), re.I & re.I, ~re.I & re.M)
s = 'The quick brown fox jumps over the lazy dog. ' * 200
print(len(re.findall(r'\b\w{5}\b', s)), len(re.sub(r'o', '0', s)), len(re.split(r'\s+', s)))
