import bisect
a = [1, 2, 2, 2, 5, 8]
for x in (0, 1, 2, 3, 8, 9):
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 2, hi=1))
print(bisect.bisect_left([], 3), bisect.bisect_right([], 3))

b = []
for v in (5, 1, 4, 1, 5, 9, 2, 6):
    bisect.insort(b, v)
print(b)
bisect.insort_left(b, 5.0); bisect.insort_right(b, 1.0)
print(b)

recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ('d', 4), key=lambda r: r[1])
bisect.insort_left(recs, ('e', 3), key=lambda r: r[1])
print(recs)

print(bisect.bisect_left('abdef', 'c'), bisect.bisect_right((1, 1, 1), 1))
grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in (33, 99, 77, 70, 89, 90, 100)])

for call in (lambda: bisect.bisect_left(a, 1, -1),
             lambda: bisect.insort(a, 1, -2),
             lambda: bisect.bisect_left(a, 'x'),
             lambda: bisect.bisect_right(None, 1),
             lambda: bisect.bisect_left(a, 1, key=3)):
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(sorted(bisect.__all__) if hasattr(bisect, '__all__') else None)
