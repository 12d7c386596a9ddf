# PEP 479: StopIteration inside a generator becomes RuntimeError.
def gen():
    yield 1
    next(iter([]))
    yield 2
for x in gen():
    print(x)
