# Recursion, memoisation with a dict, and big integers.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

cache = {}
def fib_memo(n):
    if n in cache:
        return cache[n]
    r = n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)
    cache[n] = r
    return r

print([fib(i) for i in range(15)])
print(fib_memo(300))
