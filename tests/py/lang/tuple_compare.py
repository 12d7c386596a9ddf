# Tuple comparison compares items before lengths (lists do not); tuple dict keys.
class E:
    def __eq__(s, o): print('eq called'); return True
    def __lt__(s, o): print('lt called'); return True
print((1, E(), 3) == (1, 2), (1, E()) == (1, 2, 3), ((1,2),(3,)) == ((1,2),(3,)), (1, 2.0) == (1, 2), (float('nan'),) == (float('nan'),))
print((1, E()) != (1, 2, 3), [1, E()] == [1, 2, 3], (E(),) < (1,), (1, 2) < (1, 2, 3), (1, 3) > (1, 2, 3), () < (0,))
n = float('nan'); print((n,) == (n,), [n] == [n], (n, 1) < (n, 2))
d = {(1, 'a'): 1}; print(d.get((1, 'a')), (1, 'a') in d, d.get((1, 'b')))
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3))
