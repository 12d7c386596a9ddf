# Mutating containers while iterating, sort with a mutating key.
d = {1: 1, 2: 2}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1, 2: 2}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1, 2: 2}
for k in d:
    d[k] = 'changed'
print(d)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(type(e).__name__, e)
s = {1, 2, 3}
try:
    for x in s:
        s.discard(x)
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1}
try:
    for k in d.keys():
        d.pop(k)
        d['x'] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1, 2: 2}
try:
    for v in d.values():
        d.clear()
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1, 2: 2}
try:
    for kv in d.items():
        d[3] = 3
except RuntimeError as e:
    print(type(e).__name__, e)
l = [1, 2, 3]
for x in l:
    if x == 1:
        l.remove(x)
print(l)
lst = [3, 1, 2]
def bad_key(v):
    lst.append(v)
    return v
try:
    lst.sort(key=bad_key)
except ValueError as e:
    print(type(e).__name__, e)
lst2 = [3, 1, 2]
def clear_key(v):
    lst2.clear()
    return v
try:
    lst2.sort(key=clear_key)
except ValueError as e:
    print(type(e).__name__, e)
class Cmp:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        data.append(0)
        return self.v < o.v
data = [Cmp(2), Cmp(1)]
try:
    data.sort()
except ValueError as e:
    print(type(e).__name__, e)
class Bad:
    def __lt__(self, o): raise KeyError('cmp failed')
try:
    sorted([Bad(), Bad()])
except KeyError as e:
    print(type(e).__name__, e)
try:
    [1, 'a'].sort()
except TypeError as e:
    print(type(e).__name__, e)
print(sorted([3, 1, 2], key=lambda v: -v), sorted('bca'))
