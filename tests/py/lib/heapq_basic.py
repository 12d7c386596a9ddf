# heapq: push/pop/heapify/replace/pushpop with CPython's list layout, nlargest/nsmallest, merge.
import heapq
h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data); print(data)
print(heapq.heapreplace(data, 5), data, heapq.heappushpop(data, 0), data)
print(heapq.nlargest(3, [4, 1, 7, 3, 8, 5]), heapq.nsmallest(2, [4, 1, 7, 3, 8, 5]))
print(heapq.nlargest(2, ['aaa', 'b', 'cc'], key=len), heapq.nsmallest(2, [(2, 'x'), (1, 'y'), (3, 'z')]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])), list(heapq.merge([3, 1], [4, 2], key=lambda v: -v, reverse=False)))
print(list(heapq.merge([7, 4, 1], [8, 5, 2], reverse=True)))
try:
    heapq.heappop([])
except IndexError as e:
    print('IndexError', e)
h = [(3, 'c'), (1, 'a'), (2, 'b')]
heapq.heapify(h)
print([heapq.heappop(h) for _ in range(3)])
print(heapq.nsmallest(0, [1, 2]), heapq.nlargest(5, [1, 2]), heapq.nsmallest(1, []))
h = []; heapq._heapify_max if False else None
import random
random.seed(3)
v = [random.randint(0, 1000) for _ in range(200)]
h = []
for x in v: heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(len(h))] == sorted(v))
