# An exception in __del__ is reported on stderr ("Exception ignored in") and the
# program goes on; the exit status stays 0.
class D:
    def __del__(self):
        raise ValueError("from __del__")

d = D()
del d
print("after")
