# Exceptions: handlers, finally, chaining, and an uncaught error at the end.
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError(f"bad number {text!r}") from e
    finally:
        print("parsed", text)

print(parse("42"))
try:
    parse("forty-two")
except RuntimeError as e:
    print("caught:", e, "| cause:", repr(e.__cause__))

def divide(a, b):
    return a / b

divide(1, 0)
