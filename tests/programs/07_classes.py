class A:
    pass

class B(A):
    x = 1

    def method(self):
        return self.x

class C(A, B, metaclass=Meta, **extra):
    """Doc."""

@dataclass
class D:
    a: int
    b: str = "x"

class E(*bases): pass
