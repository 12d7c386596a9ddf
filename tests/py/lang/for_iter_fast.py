# FOR_ITER over list, tuple and range iterators (served inline by the eval loop).
total = 0
for x in [1, 2, 3]:
    total += x
for x in (4, 5):
    total += x
for x in range(10, 0, -3):
    total += x
print(total)

# A list grown while it is iterated yields the new items too.
l = [1]
for x in l:
    if x < 5:
        l.append(x + 1)
print(l)

# An exhausted iterator stays exhausted, even when its list grows afterwards.
l = [1, 2]
it = iter(l)
for x in it:
    pass
l.append(3)
print(list(it), next(it, "end"))

# Ranges: empty, negative steps, big bounds.
print([x for x in range(0)], [x for x in range(5, 0, -2)], [x for x in range(2**62, 2**62 + 3)])

# A finalizer run when the exhausted iterator lets go of its list can use the iterator.
class D:
    def __del__(self):
        print("del", next(it, "done"))
it = iter([D(), 0])
for x in it:
    pass
print("after", x)

# Iterators over a tuple and a range shared by two loops.
t = iter((1, 2, 3, 4))
r = iter(range(4))
for a in t:
    for b in r:
        print(a, b)
        break

# Bytes and bytearrays yield ints, in loops and through next(); a bytearray grown
# while it is iterated yields the new items too.
ba = bytearray(b"ab")
out = []
for x in ba:
    out.append(x)
    if len(ba) < 4:
        ba.append(x + 1)
it = iter(b"xyz")
print([x for x in b"hi"], out, next(it), list(it), next(it, "end"))
