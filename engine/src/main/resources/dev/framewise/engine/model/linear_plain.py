# The functions of linear_onednn.py for a libtorch without oneDNN: nothing is ever packed.

def pack_probe(self, dtype: int) -> Tensor:
    assert False, "this libtorch has no oneDNN"
    return torch.zeros([0])

def pack_matrix(self, m: Tensor) -> Tensor:
    assert False, "this libtorch has no oneDNN"
    return m

# torch.linear with the weight (and bias) cast to x's dtype, a no-op when they already are.
def linear(self, x: Tensor, w: Tensor, b: Optional[Tensor]) -> Tensor:
    dt = x.dtype
    if b is None:
        return torch.linear(x, w.to(dt))
    return torch.linear(x, w.to(dt), b.to(dt))
