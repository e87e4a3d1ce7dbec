# Matrix kernels of libtorch's x86 CPU builds: oneDNN (mkldnn ops) and fbgemm. Kept apart from qwen2_text.py
# because a libtorch without them (ARM Macs) would not compile a program that names them: TensorProgram then
# compiles linear_plain.py, which defines the same functions, instead.

# Fails where oneDNN cannot pack matrices of this dtype on this CPU (bf16 needs AVX-512 or AVX-NE-CONVERT).
def pack_probe(self, dtype: int) -> Tensor:
    return ops.mkldnn._reorder_linear_weight(torch.zeros([16, 16], dtype=dtype), 1)

# A matrix [out, in] in oneDNN's blocked layout for products with one row at a time (decoding).
def pack_matrix(self, m: Tensor) -> Tensor:
    return ops.mkldnn._reorder_linear_weight(m, 1)

# torch.linear with a weight (and bias) that may be packed or of another dtype than x: a packed weight of x's
# dtype runs on oneDNN directly, and so does one row of float32 activations (decoding) rounded to the weight's
# dtype; otherwise the weight is unpacked into x's dtype in one reorder (CPU prefill: float32 activations, bf16
# weights) and goes through plain_linear.
def linear(self, x: Tensor, w: Tensor, b: Optional[Tensor]) -> Tensor:
    if w.is_mkldnn:
        if w.dtype == x.dtype:
            return ops.mkldnn._linear_pointwise(x, w, b, "none", [], "")
        if x.size(0) == 1:
            return ops.mkldnn._linear_pointwise(x.to(w.dtype), w, b, "none", [], "").to(x.dtype)
        w = w.to_dense(x.dtype)
    return self.plain_linear(x, w, b)

# Fails where fbgemm cannot run here (it needs AVX2).
def fp16_probe(self) -> Tensor:
    return self.fp16_linear(torch.ones([1, 16]), self.fp16_matrix(torch.ones([16, 16])))

# A float32 matrix [out, in] in fp16 packed for fbgemm (a copy).
def fp16_matrix(self, m: Tensor) -> __torch__.torch.classes.quantized.LinearPackedParamsBase:
    return ops.quantized.linear_prepack_fp16(m, None)

# x [L, in] float32 times an fp16_matrix, float32. libtorch splits the product's output columns over its
# intra-op threads (OpenMP, whose idle threads spin briefly instead of sleeping: the hand-off costs a few us).
def fp16_linear(self, x: Tensor, m: __torch__.torch.classes.quantized.LinearPackedParamsBase) -> Tensor:
    return ops.quantized.linear_dynamic_fp16(x, m)
