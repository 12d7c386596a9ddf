# exec/eval/compile with explicit globals/locals dicts, globals(), locals().
g = {'a': 1}
exec('b = a + 1', g)
print(g['b'], '__builtins__' in g)
l = {}
exec('c = a * 10', g, l)
print(l, 'c' in g)
print(eval('a + b', g), eval('x * 2', {}, {'x': 21}))
print(eval('len("abc")'), eval(' 1 + 1 '))
def f():
    loc = 5
    return eval('loc + 1'), sorted(locals())
print(f())
ns = {}
exec('def h(): return "from exec"\nclass K: pass', ns)
print(ns['h'](), ns['K'].__name__, ns['K'].__module__ if '__name__' in ns else 'no-name')
try:
    eval('1 +')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    eval('x = 1')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec('raise ValueError("inside exec")')
except ValueError as e:
    print(type(e).__name__, e)
try:
    eval('undefined_in_eval', {})
except NameError as e:
    print(type(e).__name__, e)
print(exec('1 + 1'))
try:
    eval(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    exec('1', [])
except TypeError as e:
    print(type(e).__name__, e)
code = compile('y = 3 * 3', '<string>', 'exec')
d = {}
exec(code, d)
print(d['y'], type(code).__name__)
print(eval(compile('2 ** 8', '<e>', 'eval')))
try:
    compile('x +', '<c>', 'exec')
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno)
try:
    compile('1', '<c>', 'bad')
except ValueError as e:
    print(type(e).__name__, e)
print(globals() is globals(), type(globals()).__name__, globals()['g'] is g)
globals()['made_here'] = 'yes'
print(made_here)
def show_locals(a, b=2):
    c = 3
    return locals()
print(show_locals(1))
class Cls:
    v = 1
    names = sorted(k for k in locals() if not k.startswith('__'))
print(Cls.names)
print(eval('[i for i in range(n)]', {'n': 3}))
mapping_locals = {'z': 4}
exec('w = z + 1', {}, mapping_locals)
print(mapping_locals)
exec('global gg\ngg = 1', g, l)
print(g.get('gg'), l.get('gg'))
print(eval('__name__'), eval('__name__', {}) if False else '')
