for a in [(), (1,), (2, "x"), (2, "x", "f"), (2, "x", "f", None), (2, "x", "f", None, "g"), (2, "x", None, None, "g"), ("a", "b", "c", "d", "e", "f"), (None, "x")]:
    e = OSError(*a)
    print(a, e.args, str(e), repr(e), e.errno, e.strerror, e.filename, e.filename2)
e = OSError(2, "x")
e.filename = "late"
print(str(e))
print(str(FileNotFoundError(2, "No such file or directory", "/nope")), type(OSError(2, "x")).__name__)
try:
    open("/nonexistent/file")
except OSError as e:
    print(type(e).__name__, e.args, str(e))
