# An uncaught exception raised while handling another.
def inner():
    return {}['missing']
try:
    inner()
except KeyError:
    print('handling')
    raise ValueError('during handling')
