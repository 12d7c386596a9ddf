# The rest of math: inverse hyperbolics, exp2/expm1/log1p/cbrt, erf/erfc/gamma/lgamma (to 10
# significant digits: computed by Ouro itself), frexp/ldexp/modf, nextafter/ulp/remainder, dist,
# comb/perm/lcm, with CPython's errors.
import math
for f in [math.acosh, math.asinh, math.atanh, math.cbrt, math.exp2, math.expm1, math.log1p, math.erf, math.erfc, math.gamma, math.lgamma]:
    out = []
    for x in [0.0, 0.5, 1.0, 2.5, 3.0, -0.5, -2.5, 10.0, 1e-10, -3.0, 100.0, 200.0]:
        try:
            v = f(x)
            out.append(float("%.10g" % v))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ':' + str(e))
    print(f.__name__, out)
print(math.frexp(8.0), math.frexp(0.1), math.frexp(-3.5), math.frexp(0.0), math.frexp(5e-324), math.ldexp(0.5, 4), math.ldexp(1.0, -1074))
try: math.ldexp(1.0, 2000)
except OverflowError as e: print(e)
print(math.modf(3.75), math.modf(-2.5), math.modf(float('inf')), math.modf(-0.0))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0), math.ulp(1.0), math.ulp(1e300), math.ulp(0.0))
print([math.remainder(x, y) for x, y in [(10, 3), (11, 3), (-10, 3), (5, 2), (7, 2), (-4, 2), (1e300, 3.0)]])
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 6, 8]))
print(math.comb(10, 3), math.comb(5, 7), math.comb(100, 50), math.perm(5, 2), math.perm(5), math.perm(3, 5), math.lcm(4, 6), math.lcm(), math.lcm(0, 5), math.lcm(-4, 6, 10))
try: math.comb(-1, 2)
except ValueError as e: print(e)
print(math.gamma(5), round(math.gamma(0.5), 12), round(math.lgamma(10), 12), round(math.erf(1), 12), round(math.erfc(1), 12), round(math.gamma(-1.5), 12))
