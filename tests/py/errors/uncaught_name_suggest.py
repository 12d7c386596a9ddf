def compute(values):
    total = 0
    for v in values:
        total += v
    return totl
compute([1, 2])
