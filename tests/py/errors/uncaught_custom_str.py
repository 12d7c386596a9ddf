class Fail(Exception):
    def __str__(self):
        return 'custom text %d' % self.args[0]
try:
    raise KeyError('first')
except KeyError as e:
    raise Fail(7) from e
