# sys._getframe: code, line, locals, globals and the f_back chain.
import sys
def who():
    return sys._getframe(1).f_code.co_name
def caller():
    x = 42
    f = sys._getframe()
    print(f.f_code.co_name, sys._getframe().f_lineno, f.f_locals['x'], f.f_globals is globals(), f.f_back.f_code.co_name)
    print(who())
caller()
top = sys._getframe()
print(top.f_back, top.f_code.co_name, top.f_locals is globals())
try:
    sys._getframe(50)
except ValueError as e:
    print(e)
def depth():
    n = 0
    f = sys._getframe()
    while f is not None:
        n += 1
        f = f.f_back
    return n
print(depth())
