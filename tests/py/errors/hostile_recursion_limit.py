# sys.setrecursionlimit(10) and (10**6) with deep recursion: RecursionError or the
# result, never a native stack overflow.
import sys
sys.setrecursionlimit(10)
def f(n): return f(n + 1)
try: f(0)
except RecursionError as e: print(e)
sys.setrecursionlimit(10**6)
def g(n): return g(n + 1) if n < 10**6 else n
try: print(g(0))
except RecursionError as e: print("RecursionError", e)
except MemoryError as e: print("MemoryError")
