# A named tuple and a named constant, used by their plain names.
SCALE : Final[int] = 3

class Scaled(NamedTuple):
    value: Tensor
    factor: int

def scaled(self, x: Tensor) -> Scaled:
    return Scaled(x, SCALE)

def unscaled(self, s: Scaled) -> Tensor:
    return s.value * s.factor
