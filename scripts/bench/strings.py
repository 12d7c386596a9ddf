# String building and formatting.
parts = []
total = 0
for i in range(800000):
    s = "item-%d:%s|%5.2f" % (i, hex(i), i / 7)
    s2 = f"{i:>8}{s[-6:]}{i % 97:03d}"
    parts.append(s2.upper() if i % 3 else s2.lower())
    total += len(s) + len(s2)
text = ",".join(parts)
print(total, len(text), text.count("A"), text[:40])
