# A closure and generator pipeline.
def source(n):
    for i in range(n):
        yield i

def mapper(f, it):
    for x in it:
        yield f(x)

def filt(pred, it):
    for x in it:
        if pred(x):
            yield x

def make_scale(k):
    def scale(x):
        return x * k + 1
    return scale

total = 0
for chunk in range(10):
    total += sum(filt(lambda v: v % 3 != 0, mapper(make_scale(chunk + 2), source(900000))))
print(total)
