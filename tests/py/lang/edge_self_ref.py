# Self-referencing containers print with ellipses.
l = [1, 2]
l.append(l)
print(l, repr(l), str(l))
d = {'a': 1}
d['self'] = d
print(d)
a = [1]
b = [a]
a.append(b)
print(a, b)
t = ([],)
t[0].append(t)
print(t)
m = {}
m[1] = [m]
print(m)
class Node:
    def __init__(self): self.children = []
    def __repr__(self): return 'Node(%r)' % self.children
n = Node()
n.children.append(n)
print(n)
s = [[]]
s[0].append(s[0])
print(s)
print(l == l, l[2] is l)
