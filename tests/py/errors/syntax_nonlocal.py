def f():
    nonlocal x
    x = 1
print('never')
