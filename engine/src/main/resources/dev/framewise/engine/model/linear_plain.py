# The functions of linear_onednn.py for a libtorch without oneDNN: nothing is ever packed.

def pack_probe(self, dtype: int) -> Tensor:
    assert False, "this libtorch has no oneDNN"
    return torch.zeros([0])

def pack_matrix(self, m: Tensor) -> Tensor:
    assert False, "this libtorch has no oneDNN"
    return m

def linear(self, x: Tensor, w: Tensor, b: Optional[Tensor]) -> Tensor:
    return self.plain_linear(x, w, b)
