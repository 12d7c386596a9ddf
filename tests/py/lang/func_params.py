# Positional-only, keyword-only, *args, **kwargs and their errors.
def f(a, b, /, c, d=4, *args, e, f=6, **kw):
    return (a, b, c, d, args, e, f, kw)
print(f(1, 2, 3, e=5))
print(f(1, 2, c=3, e=5, z=9))
print(f(1, 2, 3, 4, 5, 6, e=7, f=8, b=9))
def show(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except TypeError as e:
        print(type(e).__name__ + ':', e)
show(f, 1, b=2, c=3, e=5)
show(f, 1, 2, 3)
show(f, 1, 2)
def po(a, b=2, /):
    return a, b
show(po, 1)
show(po, a=1)
show(po, 1, 2, 3)
show(po)
def ko(*, x, y=1):
    return x, y
show(ko, x=1)
show(ko, 1)
show(ko)
show(ko, x=1, z=2)
def kwonly2(*, a, b, c):
    pass
show(kwonly2)
show(kwonly2, b=1)
def pos3(a, b, c):
    pass
show(pos3)
show(pos3, 1)
show(pos3, 1, 2, 3, 4)
show(pos3, 1, 2, c=3, a=4)
def defaults(a, b=1, c=2):
    return a, b, c
show(defaults)
show(defaults, 1, 2, 3, 4)
show(defaults, 1, d=5)
def varkw(**kw):
    return sorted(kw.items())
show(varkw, a=1, b=2)
show(varkw, 1)
def varpos(*args):
    return args
show(varpos, 1, 2)
show(varpos, a=1)
def noargs():
    return 'none'
show(noargs, 1)
show(noargs, x=1)
show(lambda x: x)
show(lambda x, /, y: (x, y), 1, y=2)
def both(a, /, **kw):
    return a, kw
show(both, 1, a=2)
def mixed(a, *args, b, **kw):
    return a, args, b, kw
show(mixed, 1, 2, 3, b=4, c=5)
class K:
    def meth(self, a, *, b):
        return a, b
show(K().meth, 1, b=2)
show(K().meth, 1, 2)
show(K().meth)
show(K.meth)
show(int, 'x', 1, 2)
show(f, 1, 2, 3, e=5, **{'a': 1})
