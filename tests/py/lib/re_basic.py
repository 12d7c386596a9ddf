# re: matching, groups, named groups, flags, findall/finditer/sub/subn/split, bytes patterns.
import re
print(re.match(r'(\d+)-(\d+)', '12-345 x'))
m = re.search(r'(?P<year>\d{4})-(?P<mon>\d\d)', 'date: 2024-05-17')
print(m.group(), m.group(1), m['mon'], m.groups(), m.groupdict(), m.span(), m.start('mon'), m.end(2), m.lastindex, m.lastgroup)
print(re.findall(r'\w+', 'hello, world! héllo'), re.findall(r'(\w)(\d)?', 'a1b c2'))
print([m.span() for m in re.finditer(r'a*', 'baaac')])
print(re.sub(r'x*', '-', 'abxd'), re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'me@host you@there'), re.subn('a', 'b', 'aaa', 2))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c3'))
print(re.split(r',\s*', 'a, b,c,   d'), re.split(r'(,)', 'a,b'), re.split(r'x*', 'axbc'), re.split(',', 'a,b,c', maxsplit=1))
print(re.fullmatch(r'\d+', '123'), re.fullmatch(r'\d+', '123a'))
print(re.compile(r'abc', re.I).match('ABC'), re.compile(r'^b', re.M).findall('a\nb\nb'), re.findall(r'a.c', 'a\nc', re.S))
p = re.compile(r'''
   (\d+)   # number
   \s*     # space
   ([a-z]+) # word
''', re.X)
print(p.findall('12 ab 3cd'), p, p.pattern[:5], p.flags, p.groups, p.groupindex)
print(re.escape('1+1=2?'), re.compile('a|b') == re.compile('a|b'))
print(repr(re.I | re.M), re.search(r'(?i)HELLO', 'say hello'))
try:
    re.compile('(abc')
except re.error as e:
    print('error:', e, e.pos, e.msg)
print(re.match(r'(a)(?(1)b|c)', 'ab'), re.match(r'(?<=a)b', 'ab'), re.search(r'(?<=a)b', 'ab'))
print(re.search(r'\bfoo\b', 'a foo b'), re.search(r'(?!x)\w+', 'xab'))
print(re.match(b'(\\w+)', b'bytes here').group(1), re.sub(b'a', b'b', b'aaa'))
print(re.findall(r'(a|b)*?c', 'abc'), re.match(r'(a*)*', 'aaa').span(1))
m = re.match(r'(\w+) (\w+)', 'Isaac Newton, physicist')
print(m.expand(r'\2, \1'), m[0], m.re.pattern, m.string, m.pos, m.endpos, m.regs)
print(re.sub('(?P<x>a)', r'\g<x>\g<0>', 'banana'))
try:
    re.match('a', 1)
except TypeError as e:
    print(e)
print(type(re.compile('x')), type(re.match('x', 'x')))
print(re.search('^$', ''), bool(re.match('a', 'a')))
print(re.findall(r'[^\W\d_]+', 'ab12_cd é'))
print(re.compile(r'\s+').split(' a  b '), re.purge())
