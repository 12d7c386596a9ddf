# raise ... from None hides the context.
try:
    [][0]
except IndexError:
    print('suppressing')
    raise LookupError('nothing there') from None
