# Equality of dict keys and reprs of ints: tuples of plain items compare without
# calling __eq__, NaN keys match only themselves, and user __eq__ still runs.
nan = float("nan")
d = {(1, "a"): 1, (nan, 2): 2, (1.0, 2): 3, ((1, 2), 3): 4}
print(d.get((1, "a")), d.get((nan, 2)), d.get((float("nan"), 2)), d.get((1, 2)), d.get((True, 2)), d.get(((1, 2), 3)))
print((1, 2) == (1, 2.0), (1, "x") == (1, "y"), (1, 2) == (1, 2, 3), (nan,) == (nan,), (float("nan"),) == (float("nan"),))
class E:
    def __eq__(self, o):
        print("E.eq")
        return True
    def __hash__(self):
        return 1
print((1, E()) == (1, E()), (2, E()) == (1, E()))
print(str(0), str(-1), str(9223372036854775807), str(-9223372036854775808), repr(12345), str(2**70), f"{-42}", str(True))
