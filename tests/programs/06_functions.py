def f():
    return

def g(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a + b

def h(a, b, /, c, *, d):
    pass

def k(a: int, b: str = "x", *args: int, **kw: dict) -> None:
    ...

def gen():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from other()
    return *a, *b

@decorator
@decorator.attr(arg=1)
def decorated(self):
    "docstring"
    global counter
    nonlocal_thing = 1
    def inner():
        nonlocal nonlocal_thing
        nonlocal_thing += 1
    return inner

def trailing(a, b,):
    pass

def only_star(*, a):
    pass
