# raise from, from None, implicit chaining, __suppress_context__, __traceback__.
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('wrapped') from e
except ValueError as e:
    print(type(e.__cause__).__name__, type(e.__context__).__name__, e.__suppress_context__)

try:
    try:
        {}['k']
    except KeyError:
        raise TypeError('implicit')
except TypeError as e:
    print(e.__cause__, type(e.__context__).__name__, repr(e.__context__), e.__suppress_context__)

try:
    try:
        raise KeyError('a')
    except KeyError:
        raise ValueError('b') from None
except ValueError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

e = ValueError()
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)
e.__cause__ = KeyError('set')
print(repr(e.__cause__), e.__suppress_context__)
try:
    e.__cause__ = 5
except TypeError as err:
    print(type(err).__name__, err)
try:
    raise ValueError from 5
except TypeError as err:
    print(type(err).__name__, err)
try:
    raise ValueError from KeyError
except ValueError as err:
    print(type(err.__cause__).__name__, repr(err.__cause__))

try:
    raise ValueError('tb')
except ValueError as err:
    print(err.__traceback__ is not None, type(err.__traceback__).__name__)
    print(err.__traceback__.tb_lineno)

def deep():
    try:
        raise KeyError('one')
    except KeyError:
        try:
            raise IndexError('two')
        except IndexError:
            raise TypeError('three')
try:
    deep()
except TypeError as e:
    chain = []
    while e is not None:
        chain.append(type(e).__name__)
        e = e.__context__
    print(chain)

try:
    try:
        raise ValueError('x')
    except ValueError as v:
        raise v
except ValueError as e:
    print('self context', e.__context__)

err = None
try:
    try:
        raise KeyError(1)
    finally:
        print('in finally')
        err = 'set'
except KeyError as e:
    print(err, e.__context__)

x = ValueError('with_traceback')
y = x.with_traceback(None)
print(x is y)
try:
    try:
        raise OSError('os')
    except OSError as e1:
        raise RuntimeError('rt') from e1
except RuntimeError as e2:
    print(e2.__cause__ is e2.__context__)
