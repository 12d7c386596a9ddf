# printf-style formatting: the plain paths and their edge cases.
print("item-%d:%s|%5.2f" % (7, hex(7), 7 / 3))
print("%d %i %u" % (-12, 0, 2**70), "%x %X %o" % (-255, 255, -8), "%#x %#X %#o" % (255, -255, 8))
print("%5d|%-5d|%05d|%+d|% d|%.3d|%+.3d|%8.3x" % (42, 42, -42, 42, 42, 7, -7, 255))
print("%d" % True, "%x" % False, "%d" % 3.99, "%s" % 1.5, "%r" % "q", "%a" % "é")
print("%s|%5s|%-5s|%.2s|%5.1s" % ("abc", "ab", "ab", "abcdef", "xyz"))
print("%c%c" % (65, "é"), "%%", "100%% %s" % "done", "é%sü" % "ß", "%s" % "日本")
print("%(a)s-%(b)05.1f" % {"a": "k", "b": 2.25}, "%(x)s" % {"x": [1]})
print("%*d|%-*d|%.*f" % (5, 1, 5, 2, 2, 3.14159), "%*d" % (-4, 7))
print("%e %E %g %G %f %F" % (12345.678, 0.00012, 1e20, 1e-20, float("inf"), float("nan")))
class S(str):
    def __str__(self):
        return "S!"
print("%s" % S("x"), "%5s" % S("x"))
class N:
    def __index__(self):
        return 10
    def __int__(self):
        return 11
print("%x %d" % (N(), N()))
for bad in ["%", "%(a", "%y", "%é", "abc %", "%.99999999999999999999f", "%99999999999999999999d"]:
    try:
        print(bad % {"a": 1} if "(" in bad else bad % (1,))
    except Exception as e:
        print(type(e).__name__, e)
for fmt, args in [("%d %d", (1,)), ("%d", (1, 2)), ("%d", ("x",)), ("%x", (1.5,)), ("%c", (-1,)), ("%(a)s", (1,))]:
    try:
        print(fmt % args)
    except Exception as e:
        print(type(e).__name__, e)
print(b"%d-%s-%5.1f|%x" % (5, b"ab", 2.25, 255))
print("%5.1s|%-6s|%.2s|%4r|%6a" % ("日本語", "é", "ßüx", "é", "é"), "%5c|%-3c|" % ("日", 233))
