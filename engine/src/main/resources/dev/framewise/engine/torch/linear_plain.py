# The functions of linear_cpu.py for a libtorch without oneDNN or fbgemm: nothing is ever packed.

def pack_probe(self, dtype: int) -> Tensor:
    assert False, "this libtorch has no oneDNN"
    return torch.zeros([0])

def pack_matrix(self, m: Tensor) -> Tensor:
    assert False, "this libtorch has no oneDNN"
    return m

def linear(self, x: Tensor, w: Tensor, b: Optional[Tensor]) -> Tensor:
    return self.plain_linear(x, w, b)

def fp16_probe(self) -> Tensor:
    assert False, "this libtorch has no fbgemm"
    return torch.zeros([0])

def fp16_matrix(self, m: Tensor) -> __torch__.torch.classes.quantized.LinearPackedParamsBase:
    assert False, "this libtorch has no fbgemm"
    return ops.quantized.linear_prepack_fp16(m, None)

def fp16_linear(self, x: Tensor, m: __torch__.torch.classes.quantized.LinearPackedParamsBase) -> Tensor:
    assert False, "this libtorch has no fbgemm"
    return x
