# Matrix kernels of libtorch's x86 CPU builds: oneDNN (mkldnn ops) and fbgemm, included in every family's program.
# Kept apart from the families' sources because a libtorch without them (ARM Macs) would not compile a program
# that names them: TensorProgram then compiles linear_plain.py, which defines the same functions, instead.

# Fails where oneDNN cannot pack matrices of this dtype on this CPU (bf16 needs AVX-512 or AVX-NE-CONVERT).
# Otherwise the largest difference, relative to the largest output, between packed and plain products over a few
# shapes, of one and of several rows: some oneDNN builds compute wrong products on CPUs newer than themselves
# (libtorch 2.7.1's fp32 kernels on Zen 5 for some shapes only), so the kernel is trusted only once it agrees
# with torch.linear here, and pack_matrix checks every matrix again.
def pack_probe(self, dtype: int) -> Tensor:
    torch.manual_seed(0)
    worst = torch.zeros([1])
    for shape in [[96, 160], [128, 128], [256, 128], [320, 128], [128, 160]]:
        m = torch.randn(shape).to(dtype)
        b = torch.randn([shape[0]]).to(dtype)
        packed = ops.mkldnn._reorder_linear_weight(m, 1)
        for rows in [1, 7]:
            x = torch.randn([rows, shape[1]]).to(dtype)
            worst = torch.maximum(worst, self.relative_error(self.linear(x, packed, b), torch.linear(x, m, b)))
    return worst

def relative_error(self, actual: Tensor, expected: Tensor) -> Tensor:
    actual = actual.to(FLOAT32)
    expected = expected.to(FLOAT32)
    return ((actual - expected).abs().max() / expected.abs().max().clamp_min(1e-30)).reshape([1])

# A matrix [out, in] in oneDNN's blocked layout for products with one row at a time (decoding); the matrix as it
# is where the packed one's product with a random row disagrees with torch.linear's (see pack_probe).
def pack_matrix(self, m: Tensor) -> Tensor:
    packed = ops.mkldnn._reorder_linear_weight(m, 1)
    x = torch.randn([1, m.size(1)]).to(m.dtype)
    tolerance = 1e-4 if m.dtype == FLOAT32 else 3e-2
    if float(self.relative_error(self.linear(x, packed, None), torch.linear(x, m)).item()) > tolerance:
        return self.owned(m)
    return packed

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

# Fails where fbgemm cannot run here (it needs AVX2); otherwise, as pack_probe, its error against torch.linear.
def fp16_probe(self) -> Tensor:
    torch.manual_seed(0)
    m = torch.randn([96, 160])
    matrix = self.fp16_matrix(m)
    worst = torch.zeros([1])
    for rows in [1, 7]:
        x = torch.randn([rows, 160])
        expected = torch.linear(x, m)
        worst = torch.maximum(worst, (self.fp16_linear(x, matrix) - expected).abs().max().reshape([1]) / expected.abs().max())
    return worst

# A float32 matrix [out, in] in fp16 packed for fbgemm (a copy).
def fp16_matrix(self, m: Tensor) -> __torch__.torch.classes.quantized.LinearPackedParamsBase:
    return ops.quantized.linear_prepack_fp16(m, None)

# x [L, in] float32 times an fp16_matrix, float32. libtorch splits the product's output columns over its
# intra-op threads (OpenMP, whose idle threads spin briefly instead of sleeping: the hand-off costs a few us).
def fp16_linear(self, x: Tensor, m: __torch__.torch.classes.quantized.LinearPackedParamsBase) -> Tensor:
    return ops.quantized.linear_dynamic_fp16(x, m)
