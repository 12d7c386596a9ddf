if x:
    pass
elif y:
    pass
elif z: pass
else:
    pass

while x > 0:
    x -= 1
    if x == 5:
        break
    continue
else:
    done()

for i in range(10):
    print(i)
else:
    print("no break")

for i, (a, b) in enumerate(pairs):
    pass

for x in *a, *b:
    pass

if (n := len(a)) > 10: print(n)
while chunk := read(): process(chunk)
