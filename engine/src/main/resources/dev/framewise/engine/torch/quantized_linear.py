# Quantised matrices (--dtype int8 / int4) and their products, on libtorch's own kernels (ATen, every build):
# _weight_int8pack_mm and _weight_int4pack_mm_for_cpu, vectorised for bf16 activations (float32 ones take a
# scalar loop), so a row is rounded to bf16 on its way in. Prefill (several rows) takes the same kernels: a matrix
# dequantised per call (whole or in chunks, to float32 or bf16) measured 2-9 times slower than them, and a
# dequantised copy kept beside the codes would undo the memory the codes save (docs/decode-speed.md).
# A quantised matrix [out, in] is made as ONE tensor (quantize), the form the cache file holds, and is split
# (quantized_parts) into its codes and its scales, which the program's Linear holds as its weight and its scales:
#   int8 (dtype int8): [out, in + 2]: the codes [out, in] (weight = code * scale, codes in -127..127, row-major),
#     then the per-row scales in bf16 (2 * out bytes).
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

# int8: per output row, symmetric, scale = max |w| / 127 (rounded up, see bf16_scale).
def int8_quantize(self, m: Tensor) -> Tensor:
    f = m.to(FLOAT32)
    scales = self.bf16_scale(f.abs().amax(1) / 127.0)
    codes = torch.round(f / scales.to(FLOAT32).unsqueeze(1)).clamp(-127, 127).to(INT8)
    return torch.cat([codes.reshape([-1]), torch.view_copy(scales, INT8)]).view([m.size(0), m.size(1) + 2])

# int4: per group of `group` inputs of a row, symmetric (zero 0; as llama.cpp's Q4_0): scale = the larger of
# max / 7 and -min / 8, codes w / scale + 8.
def int4_quantize(self, m: Tensor, group: int) -> Tensor:
    codes, scales, zeros = self.int4_codes(m, group)
    return self.int4_pack(codes, scales, zeros)

# int4_quantize before packing: codes [out, in] int32 0..15, scales and zeros [out, in / group] bf16.
def int4_codes(self, m: Tensor, group: int) -> Tuple[Tensor, Tensor, Tensor]:
    n = m.size(0)
    g = m.to(FLOAT32).reshape([n, -1, group])
    scales = self.bf16_scale(torch.maximum(g.amax(2) / 7.0, g.amin(2) / -8.0))
    codes = torch.round(g / scales.to(FLOAT32).unsqueeze(2) + 8.0).clamp(0, 15).to(INT32).reshape([n, -1])
    return codes, scales, torch.zeros_like(scales)

# codes [out, in] int32 0..15, scales and zeros [out, in / group] -> the int4 tensor (layout above).
def int4_pack(self, codes: Tensor, scales: Tensor, zeros: Tensor) -> Tensor:
    n = codes.size(0)
    k = codes.size(1)
    groups = scales.size(1)
    packed = torch._convert_weight_to_int4pack_for_cpu(codes.contiguous(), 2)
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
    flat = t.reshape([-1])
    if t.dtype == INT8:
        n = t.size(0)
        k = t.size(1) - 2
        return flat.narrow(0, 0, n * k).view([n, k]), torch.view_copy(flat.narrow(0, n * k, 2 * n), BFLOAT16)
    groups = t.size(0)
    n = t.size(1)
    k = groups * (t.size(2) - 4) * 2
    packed = flat.narrow(0, 0, n * k // 2).view([n, k // 2])
    return packed, torch.view_copy(flat.narrow(0, n * k // 2, 4 * groups * n), BFLOAT16).view([groups, n, 2])

# The float32 matrix [out, in] an int8 tensor stands for.
def int8_dequantize(self, codes: Tensor, scales: Tensor) -> Tensor:
    return codes.to(FLOAT32) * scales.to(FLOAT32).unsqueeze(1)

# The float32 matrix of int4_codes' parts.
def int4_dequantize(self, codes: Tensor, scales: Tensor, zeros: Tensor) -> Tensor:
    n = codes.size(0)
    g = codes.to(FLOAT32).reshape([n, scales.size(1), -1])
    return ((g - 8.0) * scales.to(FLOAT32).unsqueeze(2) + zeros.to(FLOAT32).unsqueeze(2)).reshape([n, -1])

# x [L, in] times a split quantised matrix (codes, scales), plus b, in x's dtype.
def quantized_linear(self, x: Tensor, codes: Tensor, scales: Tensor, b: Optional[Tensor]) -> Tensor:
    if codes.dtype == INT8:
        y = torch._weight_int8pack_mm(x.to(BFLOAT16), codes, scales).to(FLOAT32)
    else:
        group = x.size(1) // scales.size(0)
        y = torch._weight_int4pack_mm_for_cpu(x.to(BFLOAT16), codes, group, scales).to(FLOAT32)
    if b is not None:
        y = y + b.to(FLOAT32)
    return y.to(x.dtype)

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
# step: at most 0.5 (quantisation_round_trip test).
def quantization_round_trip(self, bits: int, group: int) -> Tensor:
    torch.manual_seed(0)
    m = torch.randn([96, 256]) * 0.05
    m[0] = 0.0
    m[1, 3] = 10.0
    m = m.to(BFLOAT16)
    if bits == 8:
        codes, scales = self.quantized_parts(self.int8_quantize(m))
        deq = self.int8_dequantize(codes, scales)
        step = scales.to(FLOAT32).unsqueeze(1)
    else:
        codes, scales, zeros = self.int4_codes(m, group)
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
            reference = self.int8_dequantize(codes, scales)
        else:
            c, s, z = self.int4_codes(m, self.int4_group(k, 128))
            reference = self.int4_dequantize(c, s, z)
            codes, scales = self.quantized_parts(self.int4_pack(c, s, z))
        for rows in [1, 7]:
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
# one row per tensor, int64 [n, 5]: its dtype code (INT8, UINT8 or BFLOAT16), its three dims (0 past its own), its
# bytes.
def quantized_table(self, ts: List[Tensor]) -> Tensor:
    rows: List[int] = []
    for t in ts:
        shape = t.size()
        rows.append(t.dtype)
        for d in range(3):
            rows.append(shape[d] if d < len(shape) else 0)
        rows.append(t.numel() * t.element_size())
    return torch.tensor(rows, dtype=INT64).view([-1, 5])

# Copies each tensor's bytes to its offset of a file of `size` bytes, mapped shared (so the writes reach the file):
# codes through a mapping of their own dtype (no conversion), bf16 scales bit for bit as bytes. Returns the
# mappings: writes into tensors that nothing reads afterwards are dead code to the TorchScript compiler, which
# removed them.
def write_quantized(self, path: str, size: int, ts: List[Tensor], offsets: List[int]) -> List[Tensor]:
    as_uint8 = torch.from_file(path, True, size, dtype=UINT8)
    as_int8 = torch.from_file(path, True, size, dtype=INT8)
    for i in range(len(ts)):
        t = ts[i].reshape([-1])
        if t.dtype == BFLOAT16:
            t = torch.view_copy(t, UINT8)
        target = as_int8 if t.dtype == INT8 else as_uint8
        target.narrow(0, offsets[i], t.numel()).copy_(t)
    return [as_uint8, as_int8]
