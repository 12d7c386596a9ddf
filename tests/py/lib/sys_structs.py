import sys
v = sys.version_info
print(v, v.major, v.minor, v.micro, v.releaselevel, v.serial, v[:2], v >= (3, 8), tuple(v))
print(type(v).__name__, isinstance(v, tuple), len(v), sys.version_info is v)
f = sys.float_info
print(f.max, f.min, f.epsilon, f.dig, f.mant_dig, f.radix, f.max_exp, f.min_10_exp, f.rounds)
print(f.epsilon == 2.0 ** -52, f.max * 2 == float('inf'), len(f))
i = sys.implementation
print(i.version == sys.version_info, i.hexversion == sys.hexversion, isinstance(i.name, str))
print(hasattr(sys, 'no_such_thing'), hasattr(sys, '_no_such'))
try:
    sys.no_such_thing
except AttributeError as e:
    print(e)
