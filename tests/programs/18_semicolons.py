a = 1; b = 2; c = 3;
if a: b; c
while 0: pass
for x in y: a; b
class C: x = 1; y = 2
def f(): return 1
try: pass
except: pass
with a: pass
