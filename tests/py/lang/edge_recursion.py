# Deep recursion raises RecursionError; nesting limits in the parser.
import sys
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)
class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RecursionError as e:
    print(type(e).__name__, e)
def after():
    return 'still works'
print(after())
try:
    exec('x = ' + '(' * 200 + ')' * 200)
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    eval('[' * 250 + ']' * 250)
except SyntaxError as e:
    print(type(e).__name__, e.msg)
print(eval('(' * 50 + '1' + ')' * 50))
print(sys.getrecursionlimit())
