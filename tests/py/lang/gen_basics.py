# yield, send, throw, close, GeneratorExit, StopIteration value.
def g():
    print('start')
    x = yield 1
    print('got', x)
    y = yield x * 2
    print('got', y)
    return 'result'
it = g()
print(type(it).__name__)
print(next(it))
print(it.send(5))
try:
    it.send(7)
except StopIteration as e:
    print('StopIteration', e.value, e.args)
try:
    next(it)
except StopIteration as e:
    print('again', e.value)

def fresh():
    yield 1
f = fresh()
try:
    f.send(3)
except TypeError as e:
    print(type(e).__name__, e)
print(f.send(None))

def catcher():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            print('caught in gen', e)
            yield 'recovered'
c = catcher()
print(next(c))
print(c.throw(ValueError('boom')))
print(next(c))
try:
    c.throw(KeyError('k'))
except KeyError as e:
    print('propagated', e)
try:
    next(c)
except StopIteration:
    print('finished after throw')

def closing():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
    finally:
        print('finally in gen')
cl = closing()
next(cl)
cl.close()
cl.close()
print(list(cl))

def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield 'nope'
b = bad_close()
next(b)
try:
    b.close()
except RuntimeError as e:
    print(type(e).__name__, e)

def return_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return 'ignored'
r = return_on_exit()
next(r)
print(r.close())
unstarted = closing()
unstarted.close()
print('unstarted closed')

def pep479():
    yield 1
    raise StopIteration('inner')
try:
    list(pep479())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

def running():
    yield gen_self.send(None)
gen_self = running()
try:
    next(gen_self)
except ValueError as e:
    print(type(e).__name__, e)

def throw_type():
    yield 1
t = throw_type()
try:
    t.throw(ValueError)
except ValueError as e:
    print('throw class', repr(e))
print(g.__name__, it.__name__, it.__qualname__, type(it.gi_frame).__name__ if it.gi_frame else None)
def state():
    yield
s = state()
print(s.gi_running, s.gi_frame is not None)
list(s)
print(s.gi_frame)
