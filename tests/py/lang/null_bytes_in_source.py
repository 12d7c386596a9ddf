# compile(), exec() and eval() refuse source strings holding a NUL byte.
for src in ["x\x00", "print(1)\n# a\x00b\nprint(2)\n", "\x00"]:
    for fn in (lambda s: compile(s, "f.py", "exec"), lambda s: exec(s), lambda s: eval(s)):
        try:
            fn(src)
        except Exception as e:
            print(type(e).__name__, repr(e.args), getattr(e, "lineno", None), getattr(e, "offset", None), repr(getattr(e, "text", None)), getattr(e, "filename", None))
try:
    compile(b"x\x00", "f.py", "exec")
except Exception as e:
    print(type(e).__name__, e)
