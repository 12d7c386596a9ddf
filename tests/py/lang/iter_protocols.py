# __iter__/__next__ and the old __getitem__ iteration protocol.
class Count:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i

print(list(Count(3)))
c = Count(2)
for x in c:
    print('for', x)
print(list(c))
print(sum(Count(4)), max(Count(5)), sorted(Count(3), reverse=True))
a, b, c2 = Count(3)
print(a, b, c2)

class Old:
    def __getitem__(self, i):
        print('getitem', i)
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Old()))
it = iter(Old())
print(type(it).__name__, next(it))

class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for _ in 5: pass
except TypeError as e:
    print(type(e).__name__, e)
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
class IterNone:
    __iter__ = None
    def __getitem__(self, i): return i
try:
    iter(IterNone())
except TypeError as e:
    print(type(e).__name__, e)

it = iter([1, 2])
print(next(it), next(it), next(it, 'done'))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, e.args)

def gen():
    yield 1
calls = iter(lambda: calls_list.pop(), 0)
calls_list = [0, 3, 2, 1]
print(list(calls))

class Reversible:
    def __reversed__(self): return iter('cba')
print(list(reversed(Reversible())))
class SeqRev:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i
print(list(reversed(SeqRev())))
try:
    reversed(Count(2))
except TypeError as e:
    print(type(e).__name__, e)
print(list(zip(Count(3), 'ab')), list(enumerate(Count(2), 5)))
print(list(map(lambda x: x * 2, Count(3))), list(filter(None, [0, 1, '', 'a'])))
