# The builtin exception hierarchy.
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (FloatingPointError, ArithmeticError), (ArithmeticError, Exception),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (UnboundLocalError, NameError), (NameError, Exception),
    (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (ModuleNotFoundError, ImportError), (ImportError, Exception),
    (FileNotFoundError, OSError), (PermissionError, OSError),
    (IndentationError, SyntaxError), (TabError, IndentationError),
    (UnicodeDecodeError, UnicodeError), (UnicodeError, ValueError),
    (StopIteration, Exception), (StopAsyncIteration, Exception),
    (GeneratorExit, BaseException), (GeneratorExit, Exception),
    (KeyboardInterrupt, BaseException), (KeyboardInterrupt, Exception),
    (SystemExit, BaseException), (SystemExit, Exception),
    (Exception, BaseException), (AssertionError, Exception),
    (AttributeError, Exception), (TypeError, Exception), (ValueError, Exception),
    (BufferError, Exception), (EOFError, Exception), (MemoryError, Exception),
    (DeprecationWarning, Warning), (Warning, Exception), (UserWarning, Warning),
    (BaseException, object), (KeyError, ValueError), (BrokenPipeError, ConnectionError),
    (ConnectionError, OSError), (TimeoutError, OSError), (EnvironmentError, OSError),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
print(IOError is OSError, EnvironmentError is OSError)
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in UnicodeDecodeError.__mro__])
print(issubclass(ValueError, (KeyError, ValueError)))
e = ValueError('a', 2)
print(e.args, str(e), repr(e))
print(repr(ValueError()), str(ValueError()), repr(ValueError('x')))
print(str(KeyError('k')), repr(KeyError('k')), str(KeyError()), str(KeyError('a', 'b')))
print(isinstance(e, Exception), isinstance(e, BaseException))
try:
    raise TypeError
except TypeError as e:
    print(repr(e), e.args)
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise int
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        pass
    except 5:
        pass
    try:
        1 / 0
    except 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
class MyErr(Exception): pass
print(MyErr.__bases__, MyErr('m').args)
print(BaseException.__subclasses__ is not None)
