# str(x) as a call of the str type: __str__ results (subclasses kept), decoding
# arguments and their errors, str subclasses.
class S(str):
    pass

class A:
    def __str__(self):
        return S('x')

class B:
    def __str__(self):
        return 42

r = str(A())
print(type(r).__name__, r, str(5), repr(str()), str(b'ab'), str(b'ab', 'ascii'), str(object=3), str(-7.5), str(None), str([1, 'a']))
s = S(12)
print(type(s).__name__, s, type(str(s)).__name__)
for call in [lambda: str(A(), 1), lambda: str(3, 1), lambda: str(b'a', 'ascii', 2), lambda: str(3, 'ascii'), lambda: str(b'\xff', 'ascii'), lambda: str(B()), lambda: str(1, 2, 3, 4)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
# str.isprintable: the backslash and quotes are printable.
print('\\'.isprintable(), "'".isprintable(), '"'.isprintable(), 'a b'.isprintable(), '\t'.isprintable(), '\x7f'.isprintable(), 'é'.isprintable(), '\u00a0'.isprintable(), ''.isprintable())
