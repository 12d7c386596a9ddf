# __missing__ and subclassing builtins with overridden methods.
class D(dict):
    def __missing__(self, key):
        print('missing', key)
        return key * 2
d = D(a=1)
print(d['a'], d['bb'], d.get('zz'), 'bb' in d, d)
class Counter(dict):
    def __missing__(self, k):
        self[k] = 0
        return 0
c = Counter()
for ch in 'abracadabra':
    c[ch] += 1
print(sorted(c.items()))
class NoMissing(dict): pass
try:
    NoMissing()['x']
except KeyError as e:
    print(type(e).__name__, e)

class L(list):
    def append(self, x):
        print('custom append', x)
        super().append(x * 10)
    def __getitem__(self, i):
        return 'L' + str(super().__getitem__(i))
    def __len__(self):
        return 99
l = L([1, 2])
l.append(3)
print(list.__len__(l), len(l), l[0], l, type(l).__name__, isinstance(l, list))
l.extend([4])
print(list.__repr__(l), l + [5], type(l + [5]).__name__)

class MyInt(int):
    def __add__(self, o):
        return MyInt(int(self) + int(o) + 100)
    def __repr__(self):
        return 'MyInt(%d)' % int(self)
m = MyInt(5)
print(m + 1, 1 + m, m * 2, type(m * 2).__name__, m == 5, hash(m) == hash(5))
print(MyInt('12'), MyInt(3.9), isinstance(m, int), m.bit_length())

class MyStr(str):
    def upper(self):
        return 'no upper'
    def shout(self):
        return str.upper(self) + '!'
s = MyStr('hey')
print(s.upper(), s.shout(), s + 'x', type(s + 'x').__name__, len(s), s[0], type(s[0]).__name__)
print(s == 'hey', {s: 1}['hey'], s.replace('h', 'H'), type(s.replace('h', 'H')).__name__)

class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
    def __setitem__(self, k, v):
        print('setitem', k, v)
        super().__setitem__(k, v)
ad = AttrDict()
ad['x'] = 1
print(ad.x, ad)
ad.update(y=2)
print(ad)
class MyTuple(tuple):
    def first(self): return self[0]
t = MyTuple((3, 4))
print(t.first(), t, type(t[0:1]).__name__)
class MyList2(list):
    pass
ml = MyList2()
ml.attr = 'ok'
print(ml.attr, ml == [], MyList2([1]) == [1])
print(dict.fromkeys.__qualname__ if hasattr(dict.fromkeys, '__qualname__') else '', type(D.fromkeys('ab')).__name__)
