# An unbound free variable read inside a try block, with values below it on the value
# stack (a loop's iterator, a list being built): the handler sees the stack as the
# try block left it, and the loop goes on.
def outer():
    def inner():
        out = []
        for i in range(3):
            try:
                out.append([i, i + 1, x])
            except NameError as e:
                out.append(str(e))
        return out
    r = inner()
    x = 1
    r2 = inner()
    return r, r2

print(outer())

def gen_outer():
    def g():
        for i in range(2):
            try:
                yield (i, y)
            except NameError as e:
                yield type(e).__name__
    first = list(g())
    y = "ok"
    return first, list(g())

print(gen_outer())
