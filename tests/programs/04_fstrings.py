name = "x"
a = f"hello {name}"
b = f'{name!r} {name!s} {name!a}'
c = f"{value:>10}"
d = f"{value:{width}.{precision}}"
e = f"{{literal}} {x}"
f = f"{x=}"
g = f"{x = }"
h = f"{x=!s}"
i = f"{x=:>5}"
j = "plain " f"{x}" " tail"
k = rf"raw {x}\n"
l = f"{a['k']} {b[0]:x} {c.d()}"
m = f"""multi
{x
 + y}
line"""
n = f"{x!r:^20}"
o = f"{'nested' + f'{y}'}"
p = f"{3.14:.2f}"
q = F"{x}" f""
r = f"{a if b else c}"
s = f"{(lambda: 1)()}"
