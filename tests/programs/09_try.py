try:
    risky()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    handle(e)
except:
    raise
else:
    ok()
finally:
    cleanup()

try:
    pass
finally:
    pass

raise
raise ValueError("x")
raise ValueError from err
assert x
assert x, "message"
del a
del a, b[0], c.d
del (e, f), [g]
