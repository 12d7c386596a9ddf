from collections import namedtuple, deque, defaultdict, OrderedDict, Counter
import collections

Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p[1], p._fields, p._asdict(), p._replace(x=9), Point._make([3, 4]))
print(isinstance(p, tuple), len(p), p == (1, 2), hash(p) == hash((1, 2)), Point.__name__)
x, y = p; print(x + y, Point.x.__doc__, Point.__doc__)
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 1])
print(P3(5), P3(5, c=7), P3._field_defaults)
print(namedtuple('R', 'a def a _b', rename=True)._fields)
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3),
            lambda: Point(1, x=2), lambda: namedtuple('Q', 'a a'),
            lambda: namedtuple('Q', 'a class'), lambda: namedtuple('Q', '_a'),
            lambda: namedtuple('Q', '1a'), lambda: p._replace(z=1), lambda: Point._make([1])):
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(Point.__match_args__)

d = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    d[k].append(v)
print(d, d['zz'], len(d), dict(d), d.default_factory)
dd = defaultdict(int, {'q': 1}); dd['r'] += 2; print(dd, dd.copy(), defaultdict())
try:
    defaultdict()['missing']
except KeyError as e:
    print('KeyError', e)
try:
    defaultdict(3)
except TypeError as e:
    print(e)

o = OrderedDict([('a', 1), ('b', 2), ('c', 3)])
o.move_to_end('a'); print(o, list(o))
o.move_to_end('c', last=False); print(o)
print(o.popitem(), o.popitem(last=False), o, OrderedDict())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {'b': 2, 'a': 1})
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)

c = Counter('abracadabra')
print(c, c['a'], c['z'], c.most_common(2), c.total())
print(sorted(c.elements()))
c.update('aaz'); c.subtract({'b': 5}); print(c)
a, b = Counter(a=3, b=1), Counter(a=1, b=2, c=-1)
print(a + b, a - b, a | b, a & b, +b, -b)
a += Counter(a=1); a -= Counter(b=5); print(a)
del a['nothing']; print(Counter(), Counter({'x': 2}), Counter(x=1, y=1).most_common())
try:
    Counter.fromkeys('ab')
except NotImplementedError as e:
    print(e)

q = deque([1, 2, 3])
q.append(4); q.appendleft(0); print(q, len(q), q[0], q[-1], 3 in q)
print(q.pop(), q.popleft(), q)
q.extend([7, 8]); q.extendleft([-1, -2]); print(q)
q.rotate(2); print(q); q.rotate(-3); print(q)
q.reverse(); print(q, list(reversed(q)), q.count(7), q.index(7))
q.remove(7); q.insert(1, 'x'); print(q)
m = deque(range(5), maxlen=3); print(m, m.maxlen)
m.append(9); m.appendleft(-9); print(m)
print(deque() == deque([]), deque([1]) + deque([2]), deque('ab') * 2, bool(deque()))
for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5],
            lambda: deque([1]).remove(2), lambda: deque(maxlen=-1),
            lambda: m.insert(0, 1)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

from collections import ChainMap
base = {'a': 1, 'b': 2}
over = {'b': 20, 'c': 30}
cm = ChainMap(over, base)
print(cm, cm['a'], cm['b'], cm.get('z', 0), len(cm), list(cm), sorted(cm.items()), 'c' in cm)
cm['d'] = 4; del cm['b']; print(over, base, cm['b'])
child = cm.new_child({'a': 100}); print(child['a'], child.parents == cm, child.maps[0], ChainMap())
print(cm.pop('c'), dict(cm) == {'a': 1, 'b': 2, 'd': 4}, bool(ChainMap({})), cm == {'a': 1, 'b': 2, 'd': 4})
for bad in (lambda: cm['zz'], lambda: cm.__delitem__('a'), lambda: ChainMap().popitem(), lambda: cm.pop('q')):
    try:
        print(bad())
    except KeyError as e:
        print('KeyError', e)
