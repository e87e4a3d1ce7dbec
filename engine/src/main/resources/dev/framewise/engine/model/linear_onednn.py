# Matrix products on matrices packed for oneDNN (libtorch's mkldnn ops), for the CPU. Kept apart from
# qwen2_text.py because a libtorch built without oneDNN has no mkldnn:: ops and would not compile a program that
# names them: TensorProgram then compiles linear_plain.py, which defines the same three functions, instead.

# Fails where oneDNN cannot pack matrices of this dtype on this CPU (bf16 needs AVX-512 or AVX-NE-CONVERT).
def pack_probe(self, dtype: int) -> Tensor:
    return ops.mkldnn._reorder_linear_weight(torch.zeros([16, 16], dtype=dtype), 1)

# A matrix [out, in] in oneDNN's blocked layout for products with one row at a time (decoding).
def pack_matrix(self, m: Tensor) -> Tensor:
    return ops.mkldnn._reorder_linear_weight(m, 1)

# torch.linear with a weight (and bias) that may be packed or of another dtype than x: a packed weight of x's
# dtype runs on oneDNN directly; otherwise the weight is unpacked into x's dtype in one reorder (CPU prefill:
# float32 activations, bf16 weights) and goes through plain_linear.
def linear(self, x: Tensor, w: Tensor, b: Optional[Tensor]) -> Tensor:
    if w.is_mkldnn:
        if w.dtype == x.dtype:
            return ops.mkldnn._linear_pointwise(x, w, b, "none", [], "")
        w = w.to_dense(x.dtype)
    return self.plain_linear(x, w, b)
