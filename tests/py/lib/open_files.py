# open(): text and binary files, reading, writing, appending, iteration, errors.
path = "/tmp/ouro_open_check.txt"
with open(path, "w") as f:
    print(f.write("line one\n"), f.write("line two\nthree"), f.closed, f.mode, f.name)
print(f.closed)
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(f.readline(), end="")
    print(list(f))
with open(path, "a") as f:
    f.writelines(["\nfour", "\nfive\n"])
print(open(path).readlines())
with open(path, "rb") as f:
    data = f.read()
    print(type(data).__name__, data[:8], len(data))
with open(path, "wb") as f:
    print(f.write(b"\x00\x01abc"))
print(open(path, "rb").read())
try:
    open("/tmp/definitely/missing.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e)
try:
    open(path, "q")
except ValueError as e:
    print(e)
f = open(path)
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
for line in open(path, "r"):
    print(repr(line))
