# Quantised matrices (--dtype int8 / int4) and their products, on kernels every x86 build of libtorch has:
# int8: fbgemm's 8-bit rowwise embedding bags (quantized::embedding_bag_byte_rowwise_offsets). A matrix-vector
#   product is a weighted sum of the matrix's columns, x[i] times column i, which is what one bag computes when the
#   table's rows are the columns and the bag's per-sample weights are x: the kernel streams the codes faster than
#   _weight_int8pack_mm reads its own on a 7B model's matrices. A bag handles one row of x, so products of a few rows
#   take a bag each; larger ones (prefill) dequantise the matrix a block at a time to bf16 and multiply on oneDNN
#   (torch.mm), whose bf16 kernel then outruns bf16's own prefill (docs/decode-speed.md, "int8 on fbgemm's embedding
#   bags").
# int4: _weight_int4pack_mm_for_cpu, vectorised for bf16 activations (float32 ones take a scalar loop), so a row is
#   rounded to bf16 on its way in. Prefill's large calls (LanguageModel.QUANTIZED_PREFILL_CHUNK rows) dequantise the
#   matrix a block at a time to bf16 for oneDNN instead, as int8's do (int4_dequantized).
# A quantised matrix [out, in] is made as ONE tensor (quantize), the form the cache file holds, and is split
# (quantized_parts) into its codes and its scales, which the program's Linear holds as its weight and its scales:
#   int8 (dtype uint8, 2-D): [out / group * in, group + 8], fbgemm's fused 8-bit rowwise layout over the matrix
#     taken in segments of `group` outputs (int8_group): row s * in + i holds the codes of outputs s * group ..
#     s * group + group - 1 at input i (weight = code * scale + bias, codes 0..255), then the row's scale and bias
#     in float32. The scales stay in the rows: the split's `scales` is empty, there to mark the Linear quantised.
#   int4 (dtype uint8): [groups, out, group / 2 + 4] (a shape that carries both numbers): the codes in the layout
#     of _convert_weight_to_int4pack_for_cpu (out * in / 2 bytes; weight = (code - 8) * scale + zero, codes 0..15),
#     then scales and zeros [groups, out, 2] in bf16, as _weight_int4pack_mm_for_cpu takes them.
# The split reads the scales with torch.view_copy, a bitcast that copies (serialized TorchScript resolves
# Tensor.view(dtype) to view(size)); the codes stay a view of the quantised tensor.
# dtypes are named (INT8, UINT8, BFLOAT16, ...: torch/common.py).

# Scales are rounded up to the next bf16 value (the product's scale dtype), so that every weight of a row or group
# falls within the codes' range and rounds to its nearest code: the round trip errs by at most half a step.
def bf16_scale(self, s: Tensor) -> Tensor:
    return (s.clamp_min(1e-30) * (1.0 + 2.0 ** -7)).to(BFLOAT16)

# Outputs per int8 segment (Precision.INT8_GROUP): fbgemm's row length, and the weights that share a scale and a
# bias: 8.25 bits a weight (a Q8_0 block holds 32 with one fp16 scale: 8.5). Rows of 256 read faster than rows of
# 128, whose per-row indices and per-sample weights are twice as many (docs/decode-speed.md).
INT8_GROUP : Final[int] = 256

# The largest power of two up to INT8_GROUP that divides `outputs`.
def int8_group(self, outputs: int) -> int:
    g = INT8_GROUP
    while outputs % g != 0:
        g = g // 2
    return g

# int8: per segment row (one input, `group` outputs), affine over the row's min..max in 255 steps, rounded to nearest
# (fbgemm's own packing). A few segments at a time, so that the float32 copies stay small beside a 7B lm_head.
def int8_quantize(self, m: Tensor) -> Tensor:
    n = m.size(0)
    k = m.size(1)
    group = self.int8_group(n)
    segments = n // group
    per = max(1, 4194304 // (group * k))
    parts: List[Tensor] = []
    for s in range(0, segments, per):
        size = min(per, segments - s)
        rows = m.narrow(0, s * group, size * group).to(FLOAT32).reshape([size, group, k]).transpose(1, 2)
        parts.append(ops.quantized.embedding_bag_byte_prepack(rows.reshape([size * k, group])))
    return torch.cat(parts, 0)

# int4: per group of `group` inputs of a row, affine (weight = (code - 8) * scale + zero, the kernel's form), with the
# scale and zero that minimise the group's squared error (int4_fit).
# Packed a block of rows at a time, so that no int32 copy of a whole matrix is ever made (a 7B model's lm_head would
# take 2 GB as int32 codes, twice over while they are joined): the kernel's layout keeps each block of 64 rows apart,
# so the blocks' packings joined are the whole matrix's (int4BlockPackingEqualsWholePacking).
def int4_quantize(self, m: Tensor, group: int) -> Tensor:
    return self.int4_quantize_rows(m, group, max(64, 4194304 // m.size(1) // 64 * 64))

def int4_quantize_rows(self, m: Tensor, group: int, rows: int) -> Tensor:
    n = m.size(0)
    packed: List[Tensor] = []
    scales: List[Tensor] = []
    zeros: List[Tensor] = []
    for start in range(0, n, rows):
        c, s, z = self.int4_codes(m.narrow(0, start, min(rows, n - start)), group)
        packed.append(torch._convert_weight_to_int4pack_for_cpu(c.contiguous(), 2))
        scales.append(s)
        zeros.append(z)
    return self.int4_join(torch.cat(packed, 0), torch.cat(scales, 0), torch.cat(zeros, 0))

# How many bytes differ between blocks of 64 rows packed and joined and the whole matrix packed (a test of the
# layout; -1 where the shapes differ).
def int4_block_packing_differences(self) -> Tensor:
    torch.manual_seed(0)
    m = (torch.randn([64 * 3 + 16, 256]) * 0.05).to(BFLOAT16)
    codes, scales, zeros = self.int4_codes(m, 32)
    blocks = self.int4_quantize_rows(m, 32, 64)
    whole = self.int4_pack(codes, scales, zeros)
    if blocks.size() != whole.size():
        return torch.tensor([-1.0])
    return (blocks != whole).sum().to(FLOAT32).reshape([1])

# int4_quantize before packing: codes [out, in] int32 0..15, scales and zeros [out, in / group] bf16. Rows are fitted
# in chunks of about a million weights, so that the search's temporaries stay small beside a 7B model's matrices.
def int4_codes(self, m: Tensor, group: int) -> Tuple[Tensor, Tensor, Tensor]:
    return self.int4_codes_with(m, group, 2)

# fit: 0 symmetric (zero 0, as llama.cpp's Q4_0), 1 the group's min..max, 2 the least-squares search (int4_fit).
def int4_codes_with(self, m: Tensor, group: int, fit: int) -> Tuple[Tensor, Tensor, Tensor]:
    n = m.size(0)
    k = m.size(1)
    rows = max(1, 1048576 // k)
    codes: List[Tensor] = []
    scales: List[Tensor] = []
    zeros: List[Tensor] = []
    for start in range(0, n, rows):
        size = min(rows, n - start)
        g = m.narrow(0, start, size).to(FLOAT32).reshape([size, k // group, group])
        c, s, z = self.int4_fit(g, fit)
        codes.append(c.reshape([size, k]))
        scales.append(s)
        zeros.append(z)
    return torch.cat(codes, 0), torch.cat(scales, 0), torch.cat(zeros, 0)

# Groups g [rows, groups, group] float32 -> codes int32 [rows, groups * group], scales and zeros bf16 [rows, groups].
# The search follows llama.cpp's make_qkx2_quants: for steps of (max - min) / 15.5, / 16 ... / 17.5 (which clip the
# group's extremes to the end codes), round, then fit the scale and offset to those codes by least squares; refit
# once on the best fit's own rounding, and keep the fit of least squared error (the plain min..max fit included).
# The codes are then rounded anew against the bf16 scale and zero the kernel takes. Clipped weights err by more
# than half a step, so only the min..max fit keeps quantization_round_trip's bound.
def int4_fit(self, g: Tensor, fit: int) -> Tuple[Tensor, Tensor, Tensor]:
    if fit == 0:
        scale = self.bf16_scale(torch.maximum(g.amax(2) / 7.0, g.amin(2) / -8.0))
        zero = torch.zeros_like(scale)
    else:
        lo = g.amin(2, keepdim=True)
        span = (g.amax(2, keepdim=True) - lo).clamp_min(1e-30)
        a = span / 15.0
        b = lo
        if fit >= 2:
            best = (torch.round((g - b) / a).clamp(0, 15) * a + b - g).pow(2).sum(2, keepdim=True)
            # fit 3 (int4_fit_errors only): a finer and wider search with more refits, to show what more search gains
            steps = 5 if fit == 2 else 201
            low = 15.5 if fit == 2 else 12.0
            width = 0.5 if fit == 2 else 0.03
            refits = 1 if fit == 2 else 6
            n = float(g.size(2))
            sw = g.sum(2, keepdim=True)
            spread = g.pow(2).sum(2, keepdim=True) - sw * sw / n
            unit = (g - lo) / span
            for step in range(steps + refits):
                if step < steps:
                    c = torch.round(unit * (low + width * step)).clamp(0, 15)
                else:
                    c = torch.round((g - b) / a).clamp(0, 15)
                a, b, best = self.int4_refit(g, c, sw, spread, a, b, best)
        # a bf16 scale rounded up (bf16_scale) so that min..max still falls within the codes' range
        scale = self.bf16_scale(a.squeeze(2)) if fit <= 1 else a.squeeze(2).clamp_min(1e-30).to(BFLOAT16)
        zero = (b.squeeze(2) + 8.0 * scale.to(FLOAT32)).to(BFLOAT16)
    s = scale.to(FLOAT32).unsqueeze(2)
    codes = torch.round((g - zero.to(FLOAT32).unsqueeze(2)) / s + 8.0).clamp(0, 15).to(INT32)
    return codes.reshape([g.size(0), -1]), scale, zero

# The least-squares scale and offset of the groups g for codes c, where they err less than the best so far.
def int4_refit(self, g: Tensor, c: Tensor, sw: Tensor, spread: Tensor, a: Tensor, b: Tensor,
               best: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    # sw: the sum of each group's weights, spread: its squared deviations; the fit's error follows from them
    n = float(g.size(2))
    sc = c.sum(2, keepdim=True)
    den = n * c.pow(2).sum(2, keepdim=True) - sc * sc
    cov = (c * g).sum(2, keepdim=True) - sc * sw / n
    fa = n * cov / den.clamp_min(1e-30)
    fb = (sw - fa * sc) / n
    err = spread - fa * cov
    better = (err < best) & (den > 0.0) & (fa > 0.0)
    return torch.where(better, fa, a), torch.where(better, fb, b), torch.where(better, err, best)

# The root-mean-square error of each fit (0..3) of a Gaussian matrix [n, k] relative to its weights' (int4 fidelity,
# docs/decode-speed.md): what the search gains, and how little a far larger search would add.
def int4_fit_errors(self, n: int, k: int, group: int) -> Tensor:
    torch.manual_seed(0)
    m = (torch.randn([n, k]) * 0.02).to(BFLOAT16)
    f = m.to(FLOAT32)
    total = f.pow(2).sum()
    errors: List[Tensor] = []
    for fit in range(4):
        codes, scales, zeros = self.int4_codes_with(m, group, fit)
        errors.append(((self.int4_dequantize(codes, scales, zeros) - f).pow(2).sum() / total).sqrt())
    return torch.stack(errors)

# codes [out, in] int32 0..15, scales and zeros [out, in / group] -> the int4 tensor (layout above).
def int4_pack(self, codes: Tensor, scales: Tensor, zeros: Tensor) -> Tensor:
    return self.int4_join(torch._convert_weight_to_int4pack_for_cpu(codes.contiguous(), 2), scales, zeros)

# Packed codes [out, in / 2] and their scales and zeros -> the one tensor of the layout above.
def int4_join(self, packed: Tensor, scales: Tensor, zeros: Tensor) -> Tensor:
    n = packed.size(0)
    k = packed.size(1) * 2
    groups = scales.size(1)
    sz = torch.stack([scales.to(BFLOAT16), zeros.to(BFLOAT16)], 2).transpose(0, 1).contiguous()
    return torch.cat([packed.reshape([-1]), torch.view_copy(sz, UINT8).reshape([-1])]).view([groups, n, k // groups // 2 + 4])

# The largest of 128, 64 and 32 that divides `inputs` (the kernel's group sizes), 0 where none does.
def int4_group(self, inputs: int, preferred: int) -> int:
    for g in [preferred, 128, 64, 32]:
        if g <= preferred and inputs % g == 0:
            return g
    return 0

# A quantised tensor (layout above) -> its codes and its scales.
def quantized_parts(self, t: Tensor) -> Tuple[Tensor, Tensor]:
    if t.dim() == 2:
        return t, torch.empty([0], dtype=UINT8)
    flat = t.reshape([-1])
    groups = t.size(0)
    n = t.size(1)
    k = groups * (t.size(2) - 4) * 2
    packed = flat.narrow(0, 0, n * k // 2).view([n, k // 2])
    return packed, torch.view_copy(flat.narrow(0, n * k // 2, 4 * groups * n), BFLOAT16).view([groups, n, 2])

# The float32 matrix [out, in] int8 rows (layout above) of `inputs` inputs stand for.
def int8_dequantize(self, rows: Tensor, inputs: int) -> Tensor:
    group = rows.size(1) - 8
    segments = rows.size(0) // inputs
    w = ops.quantized.embedding_bag_byte_unpack(rows).view([segments, inputs, group])
    return w.transpose(1, 2).reshape([segments * group, inputs])

# The float32 matrix of int4_codes' parts.
def int4_dequantize(self, codes: Tensor, scales: Tensor, zeros: Tensor) -> Tensor:
    n = codes.size(0)
    g = codes.to(FLOAT32).reshape([n, scales.size(1), -1])
    return ((g - 8.0) * scales.to(FLOAT32).unsqueeze(2) + zeros.to(FLOAT32).unsqueeze(2)).reshape([n, -1])

# x [L, in] times a split quantised matrix (codes, scales), plus b, in x's dtype.
def quantized_linear(self, x: Tensor, codes: Tensor, scales: Tensor, b: Optional[Tensor]) -> Tensor:
    return self.quantized_linear_until(x, codes, scales, b, None)

# Products of many rows (a prefill call of QUANTIZED_PREFILL_CHUNK rows, LanguageModel.java) take seconds on a large
# model: the matrix's outputs are then taken in blocks (whole blocks of 64 rows of the matrix, which the int4 layout
# keeps apart, see int4_quantize) of about QUANTIZED_BLOCK_MACS multiply-adds each, and a raised `stop` flag
# (check_stop) ends the call between blocks. Every block still multiplies all of x's rows, which is what makes
# large calls fast: the kernels convert each weight once per few rows, whatever the number of outputs.
QUANTIZED_BLOCK_MACS : Final[int] = 4294967296

def quantized_linear_until(self, x: Tensor, codes: Tensor, scales: Tensor, b: Optional[Tensor],
                           stop: Optional[Tensor]) -> Tensor:
    return self.quantized_linear_blocks(x, codes, scales, b, stop, QUANTIZED_BLOCK_MACS)

def quantized_linear_blocks(self, x: Tensor, codes: Tensor, scales: Tensor, b: Optional[Tensor],
                            stop: Optional[Tensor], macs: int) -> Tensor:
    if scales.numel() == 0:
        y = self.int8_product(x, codes, stop, macs)
    else:
        y = self.int4_product(x, codes, scales, stop, macs)
    if b is not None:
        y = y + b.to(FLOAT32)
    return y.to(x.dtype)

# From this many rows, an int4 product dequantises the matrix 64 outputs at a time or more to bf16 and multiplies on
# oneDNN, as int8's does; below, _weight_int4pack_mm_for_cpu, whose time per row is then the smaller.
INT4_DEQUANTISED_ROWS : Final[int] = 256

def int4_product(self, x: Tensor, codes: Tensor, scales: Tensor, stop: Optional[Tensor], macs: int) -> Tensor:
    n = codes.size(0)
    k = x.size(1)
    group = k // scales.size(0)
    xb = x.to(BFLOAT16)
    dequantised = x.size(0) >= INT4_DEQUANTISED_ROWS
    if not dequantised and x.size(0) * k * n <= macs:
        return torch._weight_int4pack_mm_for_cpu(xb, codes, group, scales).to(FLOAT32)
    block = max(64, macs // (x.size(0) * k) // 64 * 64)
    if dequantised:
        block = min(block, max(64, 8388608 // k // 64 * 64))
    y = torch.empty([x.size(0), n], dtype=FLOAT32)
    start = 0
    while start < n:
        self.check_stop(stop)
        size = min(block, n - start)
        if dequantised and size > 64:
            size = size // 64 * 64  # a last partial block of 64 (fewer outputs, another layout) goes on its own
        s = scales.narrow(1, start, size)
        if dequantised and size % 64 == 0:
            part = torch.mm(xb, self.int4_dequantized(codes.narrow(0, start, size), s, k).t())
        else:
            part = torch._weight_int4pack_mm_for_cpu(xb, codes.narrow(0, start, size), group, s.contiguous())
        y.narrow(1, start, size).copy_(part)
        start += size
    return y

# Whole blocks of 64 outputs of the int4 layout (above), [size, in / 2], with their scales and zeros
# [groups, size, 2], dequantised to bf16 [size, in]: each nibble converted in the copy that puts it in its row, then
# weight = code * scale + (zero - 8 * scale) in one pass.
def int4_dequantized(self, packed: Tensor, sz: Tensor, k: int) -> Tensor:
    size = packed.size(0)
    group = k // sz.size(0)
    p = packed.reshape([size // 64, k, 2, 16])
    codes = torch.empty([size // 64, 2, 2, 16, k], dtype=BFLOAT16)
    codes.select(1, 0).copy_(torch.bitwise_and(p, 15).permute([0, 2, 3, 1]))
    codes.select(1, 1).copy_(torch.bitwise_right_shift(p, 4).permute([0, 2, 3, 1]))
    scale = sz.select(2, 0).t().contiguous().unsqueeze(2)
    zero = sz.select(2, 1).to(FLOAT32) - 8.0 * sz.select(2, 0).to(FLOAT32)
    offset = zero.to(BFLOAT16).t().contiguous().unsqueeze(2)
    return torch.addcmul(offset, codes.view([size, k // group, group]), scale).view([size, k])

# Up to this many rows, an int8 product takes a bag per row (each reads the whole matrix once); more take the
# dequantised blocks, whose dequantisation alone costs about as much as this many bags (docs/decode-speed.md).
INT8_BAG_ROWS : Final[int] = 16

# Weights dequantised at a time by an int8 product of `rows` rows: few enough for the float32 and bf16 copies to stay
# in the caches where the product is small, more where its rows (read again for every block) are many.
def int8_block_weights(self, rows: int) -> int:
    return min(8388608, max(131072, rows * 8192))

def int8_product(self, x: Tensor, rows: Tensor, stop: Optional[Tensor], macs: int) -> Tensor:
    k = x.size(1)
    if x.size(0) <= INT8_BAG_ROWS:
        return self.int8_bags(x, rows)
    group = rows.size(1) - 8
    segments = rows.size(0) // k
    per = max(1, min(macs // (x.size(0) * k * group), self.int8_block_weights(x.size(0)) // (k * group)))
    xb = x.to(BFLOAT16)
    if per >= segments:
        return self.int8_dequantized_product(xb, rows, 0, segments)
    y = torch.empty([x.size(0), segments * group], dtype=FLOAT32)
    for s in range(0, segments, per):
        self.check_stop(stop)
        size = min(per, segments - s)
        y.narrow(1, s * group, size * group).copy_(self.int8_dequantized_product(xb, rows, s, size))
    return y

# x [L, in] times int8 rows, one embedding bag per output segment for each of x's rows: bag s sums rows
# s * in .. s * in + in - 1 weighted by x's row, which gives outputs s * group .. s * group + group - 1. float32.
def int8_bags(self, x: Tensor, rows: Tensor) -> Tensor:
    k = x.size(1)
    segments = rows.size(0) // k
    indices = torch.arange(0, segments * k, dtype=INT32)
    offsets = torch.arange(0, segments * k, k, dtype=INT32)
    xf = x.to(FLOAT32)
    out: List[Tensor] = []
    for r in range(x.size(0)):
        w = xf[r].repeat([segments])
        y = ops.quantized.embedding_bag_byte_rowwise_offsets(rows, indices, offsets, False, 0, False, w, None, False)
        out.append(y.view([1, -1]))
    if len(out) == 1:
        return out[0]
    return torch.cat(out, 0)

# bf16 rows xb [L, in] times segments start..start+size-1 of int8 rows, dequantised to bf16 [in, size * group]: float32.
def int8_dequantized_product(self, xb: Tensor, rows: Tensor, start: int, size: int) -> Tensor:
    k = xb.size(1)
    group = rows.size(1) - 8
    w = ops.quantized.embedding_bag_byte_unpack(rows.narrow(0, start * k, size * k)).view([size, k, group])
    b = torch.empty([k, size, group], dtype=BFLOAT16)
    b.copy_(w.permute([1, 0, 2]))
    return torch.mm(xb, b.view([k, size * group])).to(FLOAT32)

# The largest difference between a product taken in blocks (int4: of 64 outputs; int8: of one segment) and the whole
# matrix's, over a matrix whose outputs end in a partial block, for rows enough to take the dequantised blocks;
# with `stop` given, raised: it must end the blocked product (check_stop).
def quantized_block_differences(self, bits: int, stop: Optional[Tensor]) -> Tensor:
    torch.manual_seed(0)
    m = torch.randn([64 * 3 + 16, 256]).to(BFLOAT16)
    codes, scales = self.quantized_parts(self.quantize(m, bits, 32))
    x = torch.randn([max(INT8_BAG_ROWS + 1, INT4_DEQUANTISED_ROWS), 256])
    b = torch.randn([64 * 3 + 16])
    whole = self.quantized_linear_blocks(x, codes, scales, b, None, x.size(0) * 256 * 256)
    blocks = self.quantized_linear_blocks(x, codes, scales, b, stop, 1)
    return (whole - blocks).abs().max().reshape([1])

# Whether a matrix [out, in] can be quantised to `bits`: int4's kernel takes outputs in blocks of 16 and inputs in
# groups of 32, 64 or 128.
def quantizable(self, m: Tensor, bits: int, group: int) -> bool:
    if bits == 8:
        return True
    return m.size(0) % 16 == 0 and self.int4_group(m.size(1), group) != 0

def quantize(self, m: Tensor, bits: int, group: int) -> Tensor:
    if bits == 8:
        return self.int8_quantize(m)
    return self.int4_quantize(m, self.int4_group(m.size(1), group))

# The largest |w - dequantised w| of a known bf16 matrix (a zero row, an outlier), relative to its row's or group's
# step: at most 0.5 (quantisation_round_trip test); int4 with the min..max fit (the search clips a group's extremes
# where that lowers its squared error).
def quantization_round_trip(self, bits: int, group: int) -> Tensor:
    torch.manual_seed(0)
    m = torch.randn([96, 256]) * 0.05
    m[0] = 0.0
    m[1, 3] = 10.0
    m = m.to(BFLOAT16)
    if bits == 8:
        rows = self.int8_quantize(m)
        deq = self.int8_dequantize(rows, m.size(1))
        group = rows.size(1) - 8
        scale = torch.view_copy(rows.narrow(1, group, 4).contiguous(), FLOAT32).reshape([-1, m.size(1), 1])
        step = scale.expand([scale.size(0), m.size(1), group]).transpose(1, 2).reshape([m.size(0), m.size(1)])
    else:
        codes, scales, zeros = self.int4_codes_with(m, group, 1)
        deq = self.int4_dequantize(codes, scales, zeros)
        step = scales.to(FLOAT32).repeat_interleave(group, 1)
    return ((m.to(FLOAT32) - deq).abs() / step).max().reshape([1])

# Fails where this libtorch lacks the kernels; otherwise the largest difference, relative to the largest output,
# between quantized_linear and torch.linear on the dequantised matrix over a few shapes, of one and of several rows
# (a kernel is trusted only once it agrees here: see pack_probe in linear_cpu.py).
def quantized_probe(self, bits: int) -> Tensor:
    torch.manual_seed(0)
    worst = torch.zeros([1])
    for shape in [[96, 160], [128, 128], [256, 128], [320, 128], [128, 256], [64, 512]]:
        m = torch.randn(shape).to(BFLOAT16)
        k = shape[1]
        if bits == 8:
            codes, scales = self.quantized_parts(self.int8_quantize(m))
            reference = self.int8_dequantize(codes, k)
        else:
            c, s, z = self.int4_codes(m, self.int4_group(k, 128))
            reference = self.int4_dequantize(c, s, z)
            codes, scales = self.quantized_parts(self.int4_pack(c, s, z))
        for rows in [1, 7, INT8_BAG_ROWS + 1, INT4_DEQUANTISED_ROWS]:
            x = torch.randn([rows, k])
            expected = torch.linear(x, reference)
            actual = self.quantized_linear(x, codes, scales, None)
            worst = torch.maximum(worst, ((actual - expected).abs().max() / expected.abs().max()).reshape([1]))
    return worst

# AutoAWQ's GEMM packing (awq/utils/packing_utils.py): int32 [rows, cols / 8] holding 8 four-bit values each, value j
# (bits 4j..4j+3) of word c being column 8c + [0, 2, 4, 6, 1, 3, 5, 7][j] -> int32 [rows, cols] in 0..15.
def awq_unpack(self, packed: Tensor) -> Tensor:
    shifts = torch.arange(0, 32, 4, dtype=INT32, device=packed.device)
    nibbles = torch.bitwise_and(torch.bitwise_right_shift(packed.unsqueeze(2), shifts), 15)
    reverse = torch.tensor([0, 4, 1, 5, 2, 6, 3, 7], dtype=INT64, device=packed.device)
    return nibbles.index_select(2, reverse).reshape([packed.size(0), -1])

# An AWQ matrix (AwqMatrix: qweight [in, out / 8], qzeros [groups, out / 8], scales [groups, out]), weight =
# (q - zero) * scale = (q - 8) * scale + (8 - zero) * scale, as float32 [out, groups, group + 2]: each group's codes,
# then its scale and its zero in the int4 kernel's sense (exact: fp16 scales times small integers). Three
# dimensions, so that q/k/v and gate/up concatenate along the outputs as float matrices do, and new_linear
# packs it (awq_pack) whatever the precision.
def awq_matrix(self, qweight: Tensor, qzeros: Tensor, scales: Tensor) -> Tensor:
    codes = self.awq_unpack(qweight).t()
    zeros = self.awq_unpack(qzeros).t().to(FLOAT32)
    s = scales.to(FLOAT32).t()
    n = codes.size(0)
    groups = s.size(1)
    g = codes.to(FLOAT32).reshape([n, groups, -1])
    return torch.cat([g, s.unsqueeze(2), ((8.0 - zeros) * s).unsqueeze(2)], 2)

def awq_pack(self, m: Tensor) -> Tensor:
    n = m.size(0)
    group = m.size(2) - 2
    codes = m.narrow(2, 0, group).reshape([n, -1]).to(INT32)
    return self.int4_pack(codes, m.select(2, group), m.select(2, group + 1))

# The disk cache of quantised matrices (QuantizedCache.java) writes the tensors of quantized_linears (qwen2_text.py):
# one row per tensor, int64 [n, 5]: its dtype code (UINT8 or BFLOAT16), its three dims (-1 past its own), its bytes.
def quantized_table(self, ts: List[Tensor]) -> Tensor:
    rows: List[int] = []
    for t in ts:
        shape = t.size()
        rows.append(t.dtype)
        for d in range(3):
            rows.append(shape[d] if d < len(shape) else -1)
        rows.append(t.numel() * t.element_size())
    return torch.tensor(rows, dtype=INT64).view([-1, 5])

# Copies the bytes of tensors start..end-1 to their offsets of a file of `size` bytes, mapped shared (so the writes
# reach the file): codes as they are (uint8), bf16 scales bit for bit as bytes. A range at a time, so that the caller
# can report progress and stop between matrices. Returns the mapping: writes into a tensor that nothing reads
# afterwards are dead code to the TorchScript compiler, which removed them.
def write_quantized(self, path: str, size: int, ts: List[Tensor], offsets: List[int], start: int,
                    end: int) -> Tensor:
    file = torch.from_file(path, True, size, dtype=UINT8)
    for i in range(start, end):
        t = ts[i].reshape([-1])
        if t.dtype == BFLOAT16:
            t = torch.view_copy(t, UINT8)
        file.narrow(0, offsets[i], t.numel()).copy_(t)
    return file
