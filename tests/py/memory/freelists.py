# CPython 3.11's free lists: a freed float, list, dict or small tuple keeps its block for
# the next object of its type, up to 100 floats, 80 lists, 80 dicts and 2000 tuples of
# each length 1..20; a full collection empties them. Observed through
# sys.getallocatedblocks(): blocks on a free list still count as allocated.
import sys, gc

def blocks():
    return sys.getallocatedblocks()

def near(a, b, slack=6):
    # Interpreter-internal allocations differ by a handful of blocks.
    return abs(a - b) <= slack

gc.collect()
gc.disable()
b0 = blocks()
x = [float(i) for i in range(1000)]
b1 = blocks()
del x
b2 = blocks()
print("floats allocated:", near(b1 - b0, 1000))
print("floats released past the 100 kept:", near(b1 - b2, 900))
gc.collect()
print("full collection empties the float list:", near(blocks(), b0))

b0 = blocks()
t = [(i,) for i in range(3000)]
b1 = blocks()
del t
b2 = blocks()
# 3000 one-tuples and the 2744 ints above the small-int cache; 2000 tuples are kept.
print("tuples released past the 2000 kept:", near(b1 - b2, 3000 + 2744 - 2000))
gc.collect()
print("tuple lists emptied:", near(blocks(), b0))

b0 = blocks()
ls = [[] for i in range(200)]
ds = [{} for i in range(200)]
b1 = blocks()
del ls, ds
b2 = blocks()
print("lists and dicts released past 80 + 80 kept:", near(b1 - b2, 400 - 160))
gc.collect()
print("list and dict lists emptied:", near(blocks(), b0))
gc.enable()
