# Allocation of many small objects with reference cycles, and gc.collect().
import gc
class Node:
    def __init__(self, v):
        self.v = v
        self.peer = None

collected = 0
for round in range(80):
    nodes = [Node(i) for i in range(20000)]
    for i, n in enumerate(nodes):
        n.peer = nodes[(i * 31 + 7) % len(nodes)]
    del nodes
    collected += gc.collect()
print(collected)
