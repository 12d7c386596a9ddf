import operator as op
print(op.add(2, 3), op.sub(2, 3), op.mul('ab', 3), op.truediv(7, 2), op.floordiv(7, 2),
      op.mod(7, 3), op.pow(2, 10), op.neg(5), op.pos(-5), op.abs(-3.5), op.inv(5), op.invert(0))
print(op.and_(12, 10), op.or_(12, 10), op.xor(12, 10), op.lshift(1, 5), op.rshift(64, 2))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne(1, 2), op.ge(1, 2), op.gt(3, 2))
print(op.not_([]), op.truth([0]), op.is_(None, None), op.is_not(1, None))
print(op.index(7), op.index(True), op.concat([1], [2]), op.contains('abc', 'b'))
print(op.countOf([1, 2, 1, 1.0], 1), op.indexOf('hello', 'l'))
d = {}
op.setitem(d, 'k', 1); print(op.getitem(d, 'k')); op.delitem(d, 'k'); print(d)
print(op.length_hint([1, 2, 3]), op.length_hint(iter(range(10))), op.length_hint(5, 7))
l = [1]
print(op.iadd(l, [2]) is l, l, op.iadd(1, 2), op.imul('x', 3), op.ior({1}, {2}))
print(op.__add__ is op.add, op.__getitem__ is op.getitem, op.call(len, 'abc'))

class P:
    def __init__(self, name, age, friend=None):
        self.name, self.age, self.friend = name, age, friend
    def greet(self, greeting, punct='!'):
        return f'{greeting}, {self.name}{punct}'
    def __repr__(self):
        return f'P({self.name})'

people = [P('bob', 30), P('amy', 25, P('cy', 40)), P('dan', 25)]
print(sorted(people, key=op.attrgetter('age', 'name')))
g = op.attrgetter('friend.name')
print(g(people[1]), op.attrgetter('name')(people[0]), g)
print(op.itemgetter(1)('abc'), op.itemgetter(0, 2)('abc'), op.itemgetter(slice(1, None))([1, 2, 3]))
print(sorted([(1, 'b'), (0, 'c'), (1, 'a')], key=op.itemgetter(0)))
print(op.itemgetter(1, 'x'), op.itemgetter(-1))
m = op.methodcaller('greet', 'hi', punct='?')
print(m(people[2]), m)
print(list(map(op.methodcaller('upper'), ['a', 'b'])))

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: op.index(1.5))
err(lambda: op.concat(1, 2))
err(lambda: op.indexOf([1, 2], 3))
err(lambda: op.attrgetter(1))
err(lambda: op.methodcaller(1))
err(lambda: op.attrgetter('nope')(people[0]))
err(lambda: op.itemgetter(5)([1]))
err(lambda: op.add(1, 'a'))
err(lambda: op.length_hint([], 'x'))
class H:
    def __length_hint__(self): return -1
err(lambda: op.length_hint(H()))
