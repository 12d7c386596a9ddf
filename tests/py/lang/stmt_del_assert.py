# del of names, items, attributes, slices; assert with messages; with several items.
x = 1
del x
try:
    x
except NameError as e:
    print(type(e).__name__, e)
try:
    del x
except NameError as e:
    print(type(e).__name__, e)
def f():
    y = 1
    del y
    try:
        del y
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    try:
        print(y)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
f()
l = list(range(10))
del l[0]
del l[-1]
del l[1:3]
print(l)
del l[::2]
print(l)
del l[:]
print(l)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
try:
    del d['zz']
except KeyError as e:
    print(type(e).__name__, e)
try:
    del [1][5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    del (1, 2)[0]
except TypeError as e:
    print(type(e).__name__, e)
class O: pass
o = O()
o.a = 1
del o.a
try:
    del o.a
except AttributeError as e:
    print(type(e).__name__, e)
a, b = 1, 2
del a, b
print('a' in dir(), 'b' in dir())
p = [1, [2, 3]]
del p[1][0]
print(p)
q, r = [1], [2]
del (q, r)
print('q' in globals())

assert True
assert 1, 'not shown'
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert 1 == 2, 'values differ: %d' % 3
except AssertionError as e:
    print(type(e).__name__, e)
try:
    assert [], ['list', 'msg']
except AssertionError as e:
    print(type(e).__name__, e.args)
count = 0
def side():
    global count
    count += 1
    return 'msg'
assert True, side()
print(count)
