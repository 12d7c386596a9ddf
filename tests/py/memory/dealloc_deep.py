# Deep structures are freed without deep recursion (the trashcan).
import sys
l = []
for i in range(1000000):
    l = [l]
del l
print("nested lists freed")

class Node:
    __slots__ = ()

class Link:
    def __init__(self, nxt):
        self.nxt = nxt

head = None
for i in range(100000):
    head = Link(head)
del head
print("linked instances freed")

d = {}
for i in range(100000):
    d = {"k": d}
del d
print("nested dicts freed")

t = ()
for i in range(100000):
    t = (t,)
del t
print("nested tuples freed")

class Tracked:
    count = 0
    def __init__(self, nxt):
        self.nxt = nxt
    def __del__(self):
        Tracked.count += 1

x = None
for i in range(20000):
    x = Tracked(x)
del x
print("finalizers ran:", Tracked.count)
