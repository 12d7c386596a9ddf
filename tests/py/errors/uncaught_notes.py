# Notes printed after the chained exception.
try:
    1 / 0
except ZeroDivisionError as e:
    err = TypeError('outer')
    err.add_note('note one')
    err.add_note('note two')
    raise err
