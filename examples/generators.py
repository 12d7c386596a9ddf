# Generators, send(), yield from, and a lazy pipeline.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

def relay():
    result = yield from countdown(3)
    print("relay got", result)

print(list(relay()))

def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x

acc = accumulator()
next(acc)
for v in (5, 10, 20):
    print("running total", acc.send(v))

squares = (x * x for x in range(10))
evens = (x for x in squares if x % 2 == 0)
print(sum(evens), list(zip("abc", countdown(5))))
