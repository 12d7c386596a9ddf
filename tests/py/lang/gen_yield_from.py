# yield from with return values, delegation of send/throw/close.
def sub():
    x = yield 'sub1'
    print('sub got', x)
    yield 'sub2'
    return 'sub-ret'
def outer():
    r = yield from sub()
    print('outer got', r)
    r2 = yield from [10, 20]
    print('list ret', r2)
    yield 'last'
    return 'outer-ret'
o = outer()
print(next(o))
print(o.send('hello'))
print(list(o))

def thrower():
    try:
        yield 1
    except KeyError as e:
        print('sub caught', e)
        yield 'after'
def deleg():
    yield from thrower()
d = deleg()
next(d)
print(d.throw(KeyError('x')))

def closable():
    try:
        yield 1
    finally:
        print('sub closed')
def deleg2():
    try:
        yield from closable()
    finally:
        print('outer closed')
d2 = deleg2()
next(d2)
d2.close()

def chain(*its):
    for i in its:
        yield from i
print(list(chain('ab', range(2), (x * x for x in range(3)))))

def gen_ret():
    return 5
    yield
def take():
    v = yield from gen_ret()
    yield v
print(list(take()))

def stop_value():
    yield 1
    return [1, 2]
def use():
    val = yield from stop_value()
    yield val
print(list(use()))
try:
    def bad():
        yield from 5
    list(bad())
except TypeError as e:
    print(type(e).__name__, e)

def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))

class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration('done')
        return self.n
def from_iter():
    r = yield from It()
    yield ('ret', r)
print(list(from_iter()))
