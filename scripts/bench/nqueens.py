# N-queens with generators.
def queens(n):
    def place(row, cols, d1, d2):
        if row == n:
            yield 1
            return
        for c in range(n):
            if c in cols or (row - c) in d1 or (row + c) in d2:
                continue
            yield from place(row + 1, cols | {c}, d1 | {row - c}, d2 | {row + c})
    return sum(place(0, frozenset(), frozenset(), frozenset()))

print([queens(n) for n in range(4, 13)])
