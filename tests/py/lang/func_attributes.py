# Function attributes: __name__, __qualname__, __doc__, defaults, closure, code, annotations.
def f(a: int, b: 'str' = 'x', *args, c: float = 1.0, d, **kw) -> bool:
    """Docstring of f."""
    local = a
    return local
print(f.__name__, f.__qualname__, f.__doc__, f.__module__)
print(f.__defaults__, f.__kwdefaults__)
print(f.__annotations__)
print(f.__code__.co_argcount, f.__code__.co_kwonlyargcount, f.__code__.co_posonlyargcount)
print(f.__code__.co_varnames, f.__code__.co_name)
def nodoc(): pass
print(nodoc.__doc__, nodoc.__defaults__, nodoc.__kwdefaults__, nodoc.__annotations__, nodoc.__closure__)
def po(a, b, /, c): pass
print(po.__code__.co_posonlyargcount, po.__code__.co_argcount)
class C:
    def m(self): pass
    class Inner:
        def deep(self):
            def local(): pass
            return local
print(C.m.__qualname__, C.Inner.__qualname__, C.Inner.deep.__qualname__, C.Inner().deep().__qualname__)
print((lambda: 0).__name__, (lambda: 0).__qualname__)
def outer():
    a = 1
    b = [2]
    def inner():
        return a, b
    return inner
inn = outer()
print(len(inn.__closure__), [c.cell_contents for c in inn.__closure__], inn.__code__.co_freevars)
print(outer.__code__.co_cellvars)
f.__doc__ = 'changed'
f.__name__ = 'renamed'
print(f.__doc__, f.__name__, f.__qualname__)
f.custom = 'attr'
print(f.custom, f.__dict__)
f.__defaults__ = (9,)
print(f(1, d=0), f.__defaults__)
def dflt(a=1, b=2): return a, b
dflt.__defaults__ = (5,)
print(dflt(0))
try:
    dflt()
except TypeError as e:
    print(type(e).__name__, e)
dflt.__defaults__ = None
print(dflt.__defaults__)
def kwd(*, k=3): return k
kwd.__kwdefaults__ = {'k': 4}
print(kwd())
try:
    f.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
class Doc:
    """Class doc."""
print(Doc.__doc__, Doc().__doc__)
def gen_doc():
    'single quoted doc'
    yield
print(gen_doc.__doc__)
print(type(f.__code__).__name__, type(f).__name__)
print(f.__globals__ is globals())
def ann_only(x: 'a' = 1): pass
print(ann_only.__annotations__)
