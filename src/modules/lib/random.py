"""Pseudo-random numbers (Ouro's random module).

The generator is the Mersenne Twister MT19937 seeded from an integer the way CPython
seeds it (the integer's 32-bit words, least significant first, through init_by_array),
and every method draws from it in the same order as CPython, so a program that calls
random.seed(n) sees CPython's sequence of values.
"""

import time as _time
from math import floor as _floor, ceil as _ceil, log as _log
from bisect import bisect as _bisect
from itertools import accumulate as _accumulate, repeat as _repeat
from operator import index as _index

__all__ = ['Random', 'seed', 'random', 'uniform', 'randint', 'choice', 'sample',
           'randrange', 'shuffle', 'choices', 'getrandbits', 'getstate', 'setstate']

_N = 624
_M = 397
_MASK32 = 0xffffffff


class Random:
    """One Mersenne Twister generator. Random(x) is seeded with seed(x)."""

    VERSION = 3

    def __init__(self, x=None):
        self._mt = [0] * _N
        self._mti = _N
        self.seed(x)

    # -- state ---------------------------------------------------------------

    def _init_genrand(self, s):
        mt = self._mt
        mt[0] = s & _MASK32
        for i in range(1, _N):
            prev = mt[i - 1]
            mt[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & _MASK32
        self._mti = _N

    def _init_by_array(self, key):
        self._init_genrand(19650218)
        mt = self._mt
        i, j = 1, 0
        nkey = len(key)
        for _ in range(max(_N, nkey)):
            prev = mt[i - 1]
            mt[i] = ((mt[i] ^ ((prev ^ (prev >> 30)) * 1664525)) + key[j] + j) & _MASK32
            i += 1
            j += 1
            if i >= _N:
                mt[0] = mt[_N - 1]
                i = 1
            if j >= nkey:
                j = 0
        for _ in range(_N - 1):
            prev = mt[i - 1]
            mt[i] = ((mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941)) - i) & _MASK32
            i += 1
            if i >= _N:
                mt[0] = mt[_N - 1]
                i = 1
        mt[0] = 0x80000000

    def seed(self, a=None, version=2):
        """Seeds from an int (its absolute value), or from the clock when a is None."""
        if a is None:
            a = _time.time_ns() ^ id(self)
        elif isinstance(a, (str, bytes, bytearray)):
            raise NotImplementedError('random.seed() of a str or bytes is not supported by Ouro')
        elif not isinstance(a, int):
            if isinstance(a, float):
                a = hash(a)
            else:
                raise TypeError('The only supported seed types are: None,\n'
                                'int, float, str, bytes, and bytearray.')
        n = -a if a < 0 else a
        key = []
        while n:
            key.append(n & _MASK32)
            n >>= 32
        self._init_by_array(key or [0])

    def getstate(self):
        return (self.VERSION, tuple(self._mt) + (self._mti,), None)

    def setstate(self, state):
        version, internal, gauss_next = state
        if version != self.VERSION or len(internal) != _N + 1:
            raise ValueError('state with version %s passed to Random.setstate() '
                             'of version %s' % (version, self.VERSION))
        self._mt = list(internal[:_N])
        self._mti = internal[_N]

    # -- the raw generator ----------------------------------------------------

    def _genrand(self):
        """The next 32-bit output of MT19937."""
        mt = self._mt
        if self._mti >= _N:
            for kk in range(_N):
                y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % _N] & 0x7fffffff)
                v = mt[(kk + _M) % _N] ^ (y >> 1)
                if y & 1:
                    v ^= 0x9908b0df
                mt[kk] = v
            self._mti = 0
        y = mt[self._mti]
        self._mti += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y

    def random(self):
        """A float in [0.0, 1.0) with 53 random bits."""
        a = self._genrand() >> 5
        b = self._genrand() >> 6
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def getrandbits(self, k):
        """An int with k random bits."""
        k = _index(k)
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        if k <= 32:
            return self._genrand() >> (32 - k) if k else 0
        result = 0
        shift = 0
        while k > 0:
            r = self._genrand()
            if k < 32:
                r >>= 32 - k
            result |= r << shift
            shift += 32
            k -= 32
        return result

    def _randbelow(self, n):
        """A uniform int in [0, n), n > 0, by rejection of getrandbits(n.bit_length())."""
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    # -- integers and sequences -------------------------------------------------

    def randrange(self, start, stop=None, step=1):
        """A random item of range(start, stop, step)."""
        istart = _index(start)
        if stop is None:
            if step != 1:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError('empty range for randrange()')
        istop = _index(stop)
        width = istop - istart
        istep = _index(step)
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError('empty range for randrange() (%d, %d, %d)' % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError('zero step for randrange()')
        if n <= 0:
            raise ValueError('empty range for randrange()')
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        """A random int N with a <= N <= b."""
        return self.randrange(a, b + 1)

    def choice(self, seq):
        """A random item of a non-empty sequence."""
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        """Shuffles the list x in place (Fisher-Yates from the end)."""
        for i in reversed(range(1, len(x))):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """k distinct items chosen from the sequence population, in selection order."""
        if counts is not None:
            raise NotImplementedError('random.sample(counts=...) is not supported by Ouro')
        if not hasattr(population, '__getitem__') or isinstance(population, dict):
            raise TypeError('Population must be a sequence.  '
                            'For dicts or sets, use sorted(d).')
        n = len(population)
        if not 0 <= k <= n:
            raise ValueError('Sample larger than population or is negative')
        result = [None] * k
        # Small populations: draw from a shrinking pool; large ones: redraw on repeats.
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = self._randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = self._randbelow(n)
                while j in selected:
                    j = self._randbelow(n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """k items chosen with replacement, optionally weighted."""
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[_floor(self.random() * n)] for _ in _repeat(None, k)]
            cum_weights = list(_accumulate(weights))
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        hi = n - 1
        return [population[_bisect(cum_weights, self.random() * total, 0, hi)]
                for _ in _repeat(None, k)]

    # -- real distributions ---------------------------------------------------

    def uniform(self, a, b):
        """A float between a and b."""
        return a + (b - a) * self.random()


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
getrandbits = _inst.getrandbits
getstate = _inst.getstate
setstate = _inst.setstate
