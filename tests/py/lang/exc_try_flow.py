# try/except with tuples, as, else, finally, and control flow in finally.
def f(x):
    try:
        if x == 0:
            raise ValueError('v')
        if x == 1:
            raise KeyError('k')
        if x == 2:
            raise TypeError('t')
    except (ValueError, KeyError) as e:
        print('caught tuple', type(e).__name__, e)
    except TypeError:
        print('caught type')
    else:
        print('else')
    finally:
        print('finally', x)
for i in range(4):
    f(i)

def name_cleared():
    try:
        raise ValueError
    except ValueError as err:
        pass
    try:
        return err
    except NameError as e:
        return 'NameError ' + str(e)
    except UnboundLocalError as e:
        return 'UnboundLocalError ' + str(e)
print(name_cleared())

def ret_override():
    try:
        return 'try'
    finally:
        return 'finally'
print(ret_override())

def ret_swallow():
    try:
        raise ValueError
    finally:
        return 'swallowed'
print(ret_swallow())

def loop_break():
    for i in range(5):
        try:
            if i == 2:
                raise KeyError(i)
        finally:
            if i == 2:
                break
    return i
print(loop_break())

def loop_continue():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise ValueError
            out.append(i)
        finally:
            continue
    return out
print(loop_continue())

def finally_order():
    log = []
    try:
        try:
            log.append('try')
            return log
        finally:
            log.append('inner finally')
    finally:
        log.append('outer finally')
print(finally_order())

def ret_value_captured():
    x = 1
    try:
        return x
    finally:
        x = 2
print(ret_value_captured())

def nested():
    try:
        try:
            raise ValueError('inner')
        except KeyError:
            print('wrong')
        finally:
            print('inner finally')
    except ValueError as e:
        print('outer caught', e)
nested()

def bare_raise():
    try:
        raise ValueError('again')
    except ValueError:
        try:
            raise
        except ValueError as e:
            print('reraised', e)
bare_raise()
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)

def else_exception():
    try:
        pass
    except ValueError:
        print('no')
    else:
        raise KeyError('from else')
try:
    else_exception()
except KeyError as e:
    print('else raised', e)

while True:
    try:
        break
    finally:
        print('finally on break')
try:
    try:
        raise ValueError(1)
    finally:
        print('finally before propagation')
except ValueError as e:
    print('propagated', e)
try:
    raise ValueError('x')
except Exception as e:
    e2 = e
print(type(e2).__name__)
