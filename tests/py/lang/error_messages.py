# Messages for common TypeErrors, NameError suggestions, KeyError, IndexError.
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)

def two(a, b): pass
def kw(a, *, b): pass
class C:
    def m(self, x): pass
show(lambda: two(1))
show(lambda: two())
show(lambda: two(1, 2, 3))
show(lambda: two(1, b=2, c=3))
show(lambda: two(1, a=2))
show(lambda: kw(1, 2))
show(lambda: kw(1))
show(lambda: C().m())
show(lambda: C().m(1, 2))
show(lambda: C.m(1))
show(lambda: len())
show(lambda: len(1, 2))
show(lambda: 1 + 'a')
show(lambda: 'a' - 'b')
show(lambda: [] + ())
show(lambda: None + 1)
show(lambda: 1 < 'a')
nothing = None
one = 1
show(lambda: nothing[0])
show(lambda: one[0])
show(lambda: object()['x'])
show(lambda: len[0])
show(lambda: nothing())
pair = (1, 2)
show(lambda: pair())
show(lambda: undefined_name)
show(lambda: prnt)
show(lambda: lenn([]))
localvar = 1
show(lambda: localvr)
def local_suggest():
    counter = 0
    return countr
show(local_suggest)
show(lambda: {'a': 1}['b'])
show(lambda: {}[(1, 2)])
show(lambda: {}[''])
show(lambda: [1, 2][5])
show(lambda: (1,)[-3])
show(lambda: 'abc'[10])
show(lambda: [].pop())
show(lambda: [1].pop(4))
show(lambda: range(3)[3])
show(lambda: int('x'))
show(lambda: [1, 2].index(3))
show(lambda: {}.popitem())
show(lambda: set().pop())
show(lambda: 1 / 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: divmod(1, 0))
show(lambda: 2 ** -1 % 0)
class A:
    attribute = 1
show(lambda: A().atribute)
show(lambda: A.atribute)
import sys
show(lambda: sys.pathh)
show(lambda: int.from_byte)
show(lambda: [].appendd)
show(lambda: hash([]))
show(lambda: {[]: 1})
show(lambda: iter(5))
show(lambda: sum(['a']))
show(lambda: sorted([1, 'a']))
show(lambda: tuple(5))
show(lambda: 'x' * 'y')
show(lambda: abs('x'))
