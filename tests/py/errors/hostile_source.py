# Hostile source text: 1000 nested brackets (SyntaxError: too many nested parentheses),
# 100 nested blocks (IndentationError: too many levels of indentation), expressions
# nested past the compiler's depth (RecursionError), and 10 MB lines.
for src in ["(" * 1000 + ")" * 1000, "[" * 1000 + "]" * 1000,
            "".join("    " * i + "if x:\n" for i in range(100)) + "    " * 100 + "pass\n",
            "x = " + "1+" * 100000 + "1", "x = " + "(" * 199 + ")" * 199,
            "x = " + "-" * 1000 + "1", "x = " + "1+" * 1000 + "1", "x = " + "not " * 5000 + "1"]:
    try:
        compile(src, "s", "exec")
        print("ok")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(type(e).__name__, str(e)[:80])
exec("x = '" + "a" * 10_000_000 + "'\nprint(len(x))\n")
exec("y = [" + "1," * 1_000_000 + "]\nprint(len(y))\n")
try:
    exec("z = " + "+".join(["1"] * 200_000) + "\n")
except RecursionError as e:
    print(type(e).__name__, e)
