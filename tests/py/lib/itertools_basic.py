import itertools as it
from itertools import *
print(list(islice(count(10, 3), 4)), list(islice(cycle('ab'), 5)), list(repeat('x', 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([], initial=9)))
print(list(chain('ab', [1, 2])), list(chain.from_iterable(['xy', 'z'])))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')], [(k, len(list(g))) for k, g in groupby([1, 1, 2, 3, 3], key=lambda x: x % 2)])
gb = groupby('aabbc'); k1, g1 = next(gb); k2, g2 = next(gb); print(k1, list(g1), k2, list(g2))
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)))
print(list(pairwise('ABCDE')), list(starmap(pow, [(2, 5), (3, 2)])))
a, b = tee(iter([1, 2, 3])); print(list(a), list(b))
a, b, c = tee('xy', 3); print(next(a), list(b), list(a), list(c))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()))
print(list(product('AB', repeat=2)), list(product('ab', range(2))), list(product()))
print(list(permutations('ABC', 2)), len(list(permutations(range(4)))), list(permutations('AB', 3)))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('A', 0)))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('', 0)))
c = count(); next(c); print(c, repeat(None, 2), count(5, -1))
it1 = iter([1, 2, 3, 4, 5]); print(list(islice(it1, 2)), list(it1))
print(type(count()).__name__, type(chain()).__name__, type(groupby([])).__name__)
s = 0
for x in islice(count(), 0, 20000, 3):
    s += x
print(s)
