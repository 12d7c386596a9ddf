# SyntaxError objects: fields from the (filename, lineno, offset, text) tuple, CPython's str(),\n# and the nesting limits (99 indentation levels).
e = SyntaxError('msg', ('dir/s.py', 1, 2, 'x'))
print(e, e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.args)
print(str(SyntaxError()), str(SyntaxError('only')), str(SyntaxError('m', (None, 3, 1, None))), str(SyntaxError('m', ('f', None, 1, None))))
try:
    compile('x = (', 'some/file.py', 'exec')
except SyntaxError as err:
    print(err, err.msg, err.lineno, err.offset, repr(err.text))
try:
    SyntaxError('m', (1, 2))
except TypeError as x:
    print('TypeError', x)
class MySE(SyntaxError): pass
print(MySE('a', ('f', 1, 1, 't')))
try:
    eval('1 +')
except SyntaxError as err:
    print(err)
src = "".join("    " * i + "if x:\n" for i in range(99)) + "    " * 99 + "pass\n"
compile(src, 's', 'exec')
try:
    compile("".join("    " * i + "if x:\n" for i in range(100)) + "    " * 100 + "pass\n", 's', 'exec')
except IndentationError as err:
    print(type(err).__name__, err)
