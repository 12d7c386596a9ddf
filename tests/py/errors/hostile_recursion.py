# Recursion through Python calls and through __repr__, __eq__, __hash__, __getattr__
# and __iter__ ends in RecursionError, not a crash.
class A:
    def __repr__(self): return repr(self)
try: repr(A())
except RecursionError as e: print("RecursionError", e)
class B:
    def __eq__(self, o): return self == o
try: B() == B()
except RecursionError as e: print("RecursionError", e)
class H:
    def __hash__(self): return hash(self)
try: hash(H())
except RecursionError as e: print("RecursionError", e)
class G:
    def __getattr__(self, n): return self.x
try: G().y
except RecursionError as e: print("RecursionError", e)
class I:
    def __iter__(self): return iter(self)
try: iter(I())
except RecursionError as e: print("RecursionError", e)
def f(): return f()
try: f()
except RecursionError as e: print("RecursionError", e)
