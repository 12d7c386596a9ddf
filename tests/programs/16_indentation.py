def f(x):
	if x:
		return 1
	return 2

if a:
        # comment at deeper level

    b = 1   # trailing comment
# comment at column 0
    c = (1,
  2,
         3)
d = 1 + \
    2
class K:
    def m(self): return [
        1]
