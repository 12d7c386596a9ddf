import random
for s in (0, 1, 42, -42, 2**40 + 7, 2**100):
    random.seed(s)
    print(s, random.random(), random.getrandbits(8), random.getrandbits(70), random.randrange(1000))
random.seed(12345)
print([random.randint(1, 6) for _ in range(20)])
print(random.choice('abcdefg'), random.choice([10, 20, 30]), random.uniform(2, 5))
x = list(range(10)); random.shuffle(x); print(x)
print(random.sample(range(100), 5), random.sample('abcdef', 3), random.sample(range(10**6), 3))
print(random.choices('abc', k=5), random.choices('abc', weights=[1, 0, 5], k=6))
print(random.choices(range(4), cum_weights=[1, 2, 3, 10], k=4))
print(random.randrange(0, 100, 7), random.randrange(100, 0, -3), random.randrange(5, 6))
st = random.getstate(); a = [random.random() for _ in range(3)]
random.setstate(st); print(a == [random.random() for _ in range(3)])
r1, r2 = random.Random(7), random.Random(7)
print(r1.random() == r2.random(), r1.randint(0, 10**30) == r2.randint(0, 10**30))
print(random.Random(3.0).random() == random.Random(3).random())
r = random.Random(99); print(r.getrandbits(0), r.getrandbits(32), r.getrandbits(33), r.getrandbits(64))
for bad in (lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 5),
            lambda: random.randrange(0, 10, 0), lambda: random.sample(range(3), 5),
            lambda: random.sample({1, 2}, 1), lambda: random.getrandbits(-1),
            lambda: random.choices('ab', weights=[1], k=1), lambda: random.randrange(10, 0, 1)):
    try:
        print(bad())
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
