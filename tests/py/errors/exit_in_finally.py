import sys
try:
    print('work')
    raise ValueError('lost')
finally:
    print('cleanup')
    sys.exit(3)
