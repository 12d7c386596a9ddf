# Exception-heavy control flow.
class Missing(Exception):
    pass

def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise Missing(k)

d = {i: i * 2 for i in range(100)}
hits = misses = 0
for i in range(3600000):
    try:
        hits += lookup(d, i % 150)
    except Missing as e:
        misses += 1
    finally:
        hits += 1
print(hits, misses)
