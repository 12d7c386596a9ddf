"""Heap queue: a binary min-heap kept in a plain list (`heap[k] <= heap[2*k+1]` and
`heap[k] <= heap[2*k+2]` for every k), with the layout CPython's heapq produces, so
that the lists a program prints are the same.

Only `<` is used to compare items.
"""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest", "nsmallest", "heappushpop"]


def _check_list(heap, name):
    if not isinstance(heap, list):
        raise TypeError("%s() argument 1 must be list, not %s" % (name, type(heap).__name__))


def _bubble_up(heap, top, pos):
    """Moves heap[pos] towards the root (never above `top`) while it is smaller than
    its parent."""
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        if not item < heap[parent]:
            break
        heap[pos] = heap[parent]
        pos = parent
    heap[pos] = item


def _sink(heap, pos):
    """Restores the heap below `pos` after heap[pos] was replaced: the hole left there
    travels down along the smaller children to a leaf, and the item then bubbles back up
    from that leaf (fewer comparisons than stopping early, and CPython's layout)."""
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _bubble_up(heap, top, pos)


def _replace_top(heap, item):
    """Puts item at the root in place of the smallest item, which it returns."""
    smallest = heap[0]
    heap[0] = item
    _sink(heap, 0)
    return smallest


def heappush(heap, item):
    _check_list(heap, "heappush")
    heap.append(item)
    _bubble_up(heap, 0, len(heap) - 1)


def heappop(heap):
    _check_list(heap, "heappop")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    return _replace_top(heap, last)


def heapreplace(heap, item):
    _check_list(heap, "heapreplace")
    if not heap:
        raise IndexError("index out of range")
    return _replace_top(heap, item)


def heappushpop(heap, item):
    _check_list(heap, "heappushpop")
    if heap and heap[0] < item:
        return _replace_top(heap, item)
    return item


def heapify(heap):
    _check_list(heap, "heapify")
    for pos in range(len(heap) // 2 - 1, -1, -1):
        _sink(heap, pos)


def merge(*iterables, key=None, reverse=False):
    """Merges sorted iterables into one sorted iterator; equal items come out in the
    order of the iterables they came from."""
    entries = []
    for order, iterable in enumerate(iterables):
        it = iter(iterable)
        for value in it:
            entries.append(_MergeEntry(value if key is None else key(value), order, value, it, reverse))
            break
    heapify(entries)
    while entries:
        entry = entries[0]
        yield entry.value
        for value in entry.it:
            entry.key = value if key is None else key(value)
            entry.value = value
            _sink(entries, 0)
            break
        else:
            heappop(entries)


class _MergeEntry:
    """The next item of one iterable in `merge`: ordered by key (descending when
    `desc`), then by the iterable's position."""

    __slots__ = ("key", "order", "value", "it", "desc")

    def __init__(self, key, order, value, it, desc):
        self.key = key
        self.order = order
        self.value = value
        self.it = it
        self.desc = desc

    def __lt__(self, other):
        first, second = (other.key, self.key) if self.desc else (self.key, other.key)
        if first < second:
            return True
        if second < first:
            return False
        return self.order < other.order


def nsmallest(n, iterable, key=None):
    """The n smallest items, as `sorted(iterable, key=key)[:n]`."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items, as `sorted(iterable, key=key, reverse=True)[:n]`."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
