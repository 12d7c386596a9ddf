# Dict-heavy word counting.
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
counts = {}
pairs = {}
prev = ""
for i in range(1800000):
    w = words[(i * 7 + i // 13) % 10] + str(i % 53)
    counts[w] = counts.get(w, 0) + 1
    key = (prev, w)
    pairs[key] = pairs.get(key, 0) + 1
    prev = w
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(counts), len(pairs), top)
