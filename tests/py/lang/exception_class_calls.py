# Calling exception classes: BaseException's __new__ and __init__, overridden ones,
# the structured builtins, keywords.
class Missing(Exception):
    pass
class WithInit(Exception):
    def __init__(self, a, b=2):
        super().__init__(a + b)
        self.extra = b
class WithNew(Exception):
    def __new__(cls, *args):
        return super().__new__(cls, "new", *args)
class Plain(KeyError):
    pass
class MyOS(OSError):
    pass
class MyUni(UnicodeDecodeError):
    pass
class MySyntax(SyntaxError):
    pass
class Meta(type):
    def __call__(cls, *a):
        return "meta:" + str(a)
class ByMeta(Exception, metaclass=Meta):
    pass

for e in [Missing(), Missing(1), Missing(1, "two"), WithInit(1), WithInit(1, 5), WithNew(3), Plain("k"),
          MyOS(2, "No such file"), MyOS(2, "gone", "f.txt"), MySyntax("bad", ("f.py", 1, 2, "x y", 1, 3)),
          MyUni("utf-8", b"\xff", 0, 1, "invalid start byte"), ValueError(), ValueError("v", 1)]:
    print(type(e).__name__, e.args, repr(e), str(e), getattr(e, "extra", None), getattr(e, "errno", None),
          getattr(e, "filename", None), getattr(e, "lineno", None), getattr(e, "reason", None))
print(ByMeta(1, 2))
try:
    Missing(x=1)
except TypeError as e:
    print("TypeError:", e)
try:
    raise Missing("m")
except Missing as e:
    print("caught", e.args, e.__traceback__ is not None)
import sys
arg = object()
def count():
    class C(Exception):
        def __init__(self, a):
            print("in init", sys.getrefcount(a))
            super().__init__(a)
    C(arg)
    e = Missing(arg)
    print("after", sys.getrefcount(arg))
count()
