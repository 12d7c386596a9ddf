with open(f) as fh:
    data = fh.read()
with a as b, c as d:
    pass
with lock:
    pass
with x as (y, z), w:
    pass
with a() as self.b, c[0] as d[1]:
    pass
