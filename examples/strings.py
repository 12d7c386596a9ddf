# String methods, formatting and f-strings.
words = "the quick brown fox jumps over the lazy dog".split()
print(len(words), sorted(set(words))[:3], " ".join(w.capitalize() for w in words[:3]))
print("{:>8}|{:<8}|{:^8}|".format("right", "left", "mid"))
print("%-6s%5.2f %03d %x" % ("pi", 3.14159, 7, 255))
name, total = "Ada", 1234567.891
print(f"{name!r:>6} owes {total:,.2f} ({total:e}) {10/3=:.3f}")
print("naïve café".upper(), "ß".upper(), "x".center(7, "*"), "a,b,,c".split(","))
print(repr("it's"), repr('say "hi"'), ascii("héllo"), "tab\there")
