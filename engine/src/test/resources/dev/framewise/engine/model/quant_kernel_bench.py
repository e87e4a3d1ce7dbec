# Candidate kernels for quantised weights, timed and checked by QuantKernelMeasurement (docs/decode-speed.md).
# A kind names a kernel and its activations' dtype; qb_prepare returns the weight's tensors for it, qb_run runs it.

def qb_matrix(self, n: int, k: int) -> Tensor:
    torch.manual_seed(0)
    return (torch.randn([n, k]) * 0.02).to(15)

def qb_int8(self, m: Tensor) -> Tuple[Tensor, Tensor]:
    f = m.to(6)
    scales = (f.abs().amax(1) / 127.0).clamp_min(1e-12)
    q = torch.round(f / scales.unsqueeze(1)).clamp(-127, 127).to(1)
    return q, scales

def qb_int4(self, m: Tensor, group: int) -> Tuple[Tensor, Tensor, Tensor]:
    f = m.to(6)
    n = f.size(0)
    g = f.reshape([n, -1, group])
    low = g.amin(2)
    high = g.amax(2)
    scales = ((high - low) / 15.0).clamp_min(1e-12)
    q = torch.round((g - low.unsqueeze(2)) / scales.unsqueeze(2)).clamp(0, 15).to(3).reshape([n, -1])
    zeros = low + 8.0 * scales
    return q, scales, zeros

def qb_prepare(self, kind: str, m: Tensor, group: int) -> Tuple[List[Tensor], Tensor]:
    if kind == "bf16-onednn":
        return [ops.mkldnn._reorder_linear_weight(m, 1)], m.to(6)
    if kind == "bf16-plain":
        return [m], m.to(6)
    if kind == "fp32-plain" or kind == "sum":
        return [m.to(6)], m.to(6)
    if kind == "int8-rows" or kind == "int8-bags" or kind == "int8-bags-multi":
        # the engine's int8 (quantized_linear.py): fbgemm's fused rows over segments of outputs
        rows = self.int8_quantize(m)
        return [rows], self.int8_dequantize(rows, m.size(1))
    if kind == "int4-bags":
        # fbgemm's 4-bit rowwise bags over the same segments (fp16 scale and bias per row of `group` outputs)
        n = m.size(0)
        k = m.size(1)
        e = m.to(6).reshape([n // group, group, k]).transpose(1, 2).reshape([-1, group])
        packed = ops.quantized.embedding_bag_4bit_prepack(e, False, 200, 0.16)
        back = ops.quantized.embedding_bag_4bit_unpack(packed)
        return [packed], back.reshape([n // group, k, group]).transpose(1, 2).reshape([n, k])
    if kind.startswith("int8"):
        q, scales = self.qb_int8(m)
        reference = q.to(6) * scales.unsqueeze(1)
        if kind == "int8pack-bf16" or kind == "int8pack-raw" or kind.startswith("int8-dequant-fp16"):
            return [q, scales.to(15)], reference
        if kind == "int8fold":
            # rows r*i .. r*i+r-1 joined into one row of r*k codes (a view); the kernel's scales are ones and the
            # true ones go on the product
            r = group
            return [q.view([q.size(0) // r, r * q.size(1)]), torch.ones([q.size(0) // r], dtype=15), scales], reference
        if kind == "int8-fbgemm-percall" or kind == "int8-fbgemm-prepack":
            return [q, scales.to(7), torch.zeros([q.size(0)], dtype=4)], reference
        if kind == "int8-intmm-t":
            return [q, scales, q.t().contiguous()], reference
        return [q, scales], reference
    q, scales, zeros = self.qb_int4(m, group)
    n = q.size(0)
    reference = ((q.to(6).reshape([n, -1, group]) - 8.0) * scales.unsqueeze(2) + zeros.unsqueeze(2)).reshape([n, -1])
    packed = torch._convert_weight_to_int4pack_for_cpu(q, 2)
    dt = 15 if kind == "int4pack-bf16" or kind.startswith("int4-dequant") or kind.startswith("int4-deq") or kind == "int4-rows" else 6
    sz = torch.stack([scales, zeros], 2).transpose(0, 1).contiguous().to(dt)
    return [packed, sz], reference

def qb_fbgemm(self, m: Tensor) -> __torch__.torch.classes.quantized.LinearPackedParamsBase:
    q, scales = self.qb_int8(m)
    wq = torch._make_per_channel_quantized_tensor(q, scales.to(7), torch.zeros([q.size(0)], dtype=4), 0)
    return ops.quantized.linear_prepack(wq, None)

def qb_fp16(self, m: Tensor) -> __torch__.torch.classes.quantized.LinearPackedParamsBase:
    return ops.quantized.linear_prepack_fp16(m.to(6), None)

def qb_once(self, kind: str, w: List[Tensor], x: Tensor, group: int) -> Tensor:
    if kind == "bf16-onednn":
        return ops.mkldnn._linear_pointwise(x.to(15), w[0], None, "none", [], "").to(6)
    if kind == "fp32-plain":
        return torch.linear(x, w[0])
    if kind == "sum":
        return torch.sum(w[0]).reshape([1, 1])
    if kind == "int8pack-bf16":
        return torch._weight_int8pack_mm(x.to(15), w[0], w[1]).to(6)
    if kind == "int8pack-raw":
        # the kernel alone: rows already bf16, the bf16 product not cast back (what the casts around it cost)
        return torch._weight_int8pack_mm(x, w[0], w[1])
    if kind == "int8fold":
        # one row x against rows joined r at a time: r rows of the kernel's input, row j holding x at [j*k, j*k+k)
        # and zeros elsewhere, so that row j of the product [r, n/r] is outputs j, r+j, 2r+j, ...
        r = group
        k = x.size(1)
        xb = torch.constant_pad_nd(x.to(15), [0, r * k], 0.0)
        a = xb.repeat([1, r]).narrow(1, 0, r * r * k).view([r, r * k])
        c = torch._weight_int8pack_mm(a, w[0], w[1])
        return c.t().reshape([1, -1]).to(6) * w[2]
    if kind == "int8pack-fp32":
        return torch._weight_int8pack_mm(x, w[0], w[1])
    if kind == "int8-fbgemm-percall":
        # fbgemm's int8 product on a matrix packed for this call only (no second resident copy), rows scaled to a
        # common largest |x| so that its per-tensor activation quantisation acts per row
        wq = torch._make_per_channel_quantized_tensor(w[0], w[1], w[2], 0)
        p = ops.quantized.linear_prepack(wq, None)
        r = x.abs().amax(1, keepdim=True).clamp_min(1e-30)
        return ops.quantized.linear_dynamic(x / r, p, False) * r
    if kind == "int8-fbgemm-prepack":
        # what a load from int8 codes would pay per matrix to pack it for fbgemm's dynamic int8 product (the packed
        # matrix cannot be mapped from a file); a 1-row product of it keeps the packing from being optimised away
        wq = torch._make_per_channel_quantized_tensor(w[0], w[1], w[2], 0)
        p = ops.quantized.linear_prepack(wq, None)
        return ops.quantized.linear_dynamic(x.narrow(0, 0, 1), p, False)
    if kind == "int8-intmm" or kind == "int8-intmm-t":
        # rows quantised per row to int8 (dynamic, symmetric), int8 x int8 -> int32 (oneDNN, VNNI), both scales on
        # the product; -t: the codes stored transposed [in, out] (a second copy, for comparison only)
        xs = (x.abs().amax(1, keepdim=True) / 127.0).clamp_min(1e-30)
        xq = torch.round(x / xs).to(1)
        b = w[0].t() if kind == "int8-intmm" else w[2]
        return torch._int_mm(xq, b).to(6) * xs * w[1]
    if kind == "int8-dequant":
        return torch.linear(x, w[0].to(6) * w[1].unsqueeze(1))
    if kind == "int8-dequant-bf16":
        return torch.linear(x.to(15), w[0].to(15) * w[1].to(15).unsqueeze(1)).to(6)
    if kind == "int8-chunk-fp32" or kind == "int8-chunk-bf16":
        dt = 6 if kind == "int8-chunk-fp32" else 15
        xs = x.to(dt)
        parts: List[Tensor] = []
        n = w[0].size(0)
        for start in range(0, n, group):
            size = min(group, n - start)
            m = w[0].narrow(0, start, size).to(dt) * w[1].narrow(0, start, size).to(dt).unsqueeze(1)
            parts.append(torch.linear(xs, m))
        return torch.cat(parts, 1).to(6)
    if kind == "bf16-plain":
        return torch.linear(x.to(15), w[0]).to(6)
    if kind == "int8-codes-fp32" or kind == "int8-codes-bf16":
        # the codes alone converted (exact in both), chunks of at most `group` elements (0: whole), the
        # per-row scales applied to the product's columns
        dt = 6 if kind == "int8-codes-fp32" else 15
        xs = x.to(dt)
        n = w[0].size(0)
        rows = n if group == 0 else max(1, group // w[0].size(1))
        if rows >= n:
            y = torch.linear(xs, w[0].to(dt))
        else:
            parts: List[Tensor] = []
            for start in range(0, n, rows):
                parts.append(torch.linear(xs, w[0].narrow(0, start, min(rows, n - start)).to(dt)))
            y = torch.cat(parts, 1)
        return y.to(6) * w[1].to(6)
    if kind == "int4-dequant-bf16" or kind == "int4-dequant-fp32":
        # the whole matrix dequantised per call, then one float product (oneDNN bf16 with bf16 rows, or fp32)
        dt = 15 if kind == "int4-dequant-bf16" else 6
        m = self.qb_dequant("int4-dequant-fp16pack", w, 0, w[0].size(0), group).to(dt)
        return torch.linear(x.to(dt), m).to(6)
    if kind.startswith("int8-dequant-fp16") or kind.startswith("int4-dequant-fp16"):
        return self.qb_dequant_fp16(kind, w, x)
    if kind == "int8-rows":
        return self.int8_product(x, w[0], None, QUANTIZED_BLOCK_MACS)
    if kind == "int8-bags":
        return self.int8_bags(x, w[0])
    if kind == "int8-bags-multi":
        # all rows in one call, bag (s, r) after bag (s, r - 1), so that a segment's rows come from DRAM once
        k = x.size(1)
        m = x.size(0)
        segments = w[0].size(0) // k
        group = w[0].size(1) - 8
        indices = torch.arange(0, segments * k, dtype=INT32).view([segments, 1, k]).expand([segments, m, k]).reshape([-1])
        offsets = torch.arange(0, segments * m * k, k, dtype=INT32)
        psw = x.unsqueeze(0).expand([segments, m, k]).reshape([-1])
        y = ops.quantized.embedding_bag_byte_rowwise_offsets(w[0], indices, offsets, False, 0, False, psw, None, False)
        return y.view([segments, m, group]).permute([1, 0, 2]).reshape([m, segments * group])
    if kind == "int4-bags":
        k = x.size(1)
        segments = w[0].size(0) // k
        indices = torch.arange(0, segments * k, dtype=INT32)
        offsets = torch.arange(0, segments * k, k, dtype=INT32)
        out: List[Tensor] = []
        for r in range(x.size(0)):
            out.append(ops.quantized.embedding_bag_4bit_rowwise_offsets(w[0], indices, offsets, False, 0, False,
                                                                          x[r].repeat([segments]), None, False).view([1, -1]))
        return torch.cat(out, 0)
    if kind == "int4-deq":
        # blocks of outputs unpacked from the kernel's layout and dequantised to bf16, then oneDNN's bf16 product
        n = w[0].size(0)
        k = x.size(1)
        xb = x.to(15)
        bs = max(64, min(n, 8388608 // k // 64 * 64))
        outs: List[Tensor] = []
        for start in range(0, n, bs):
            size = min(bs, n - start)
            c = self.qb_int4_unpack(w[0].narrow(0, start, size))
            sz = w[1].narrow(1, start, size).to(6)
            g = c.to(6).view([size, k // group, group]) - 8.0
            zs = sz.select(2, 1).t().contiguous().unsqueeze(2)
            ss = sz.select(2, 0).t().contiguous().unsqueeze(2)
            m = torch.addcmul(zs, g, ss).to(15)
            outs.append(torch.linear(xb, m.view([size, k])))
        return torch.cat(outs, 1).to(6)
    if kind == "int4-rows":
        # the engine's int4 product (quantized_linear.py): from INT4_DEQUANTISED_ROWS rows, dequantised bf16 blocks
        return self.int4_product(x, w[0], w[1], None, QUANTIZED_BLOCK_MACS)
    if kind == "int4pack-bf16":
        return torch._weight_int4pack_mm_for_cpu(x.to(15), w[0], group, w[1]).to(6)
    return torch._weight_int4pack_mm_for_cpu(x, w[0], group, w[1])

# The int4pack layout (_convert_weight_to_int4pack_for_cpu, AVX-512 build) back to codes [n, k] int32: blocks of 64
# rows, per input k 32 bytes, byte d (< 16) holding rows d (low nibble) and 32 + d (high), byte 16 + d rows 16 + d and
# 48 + d; a last block of fewer rows holds rows 2j and 2j + 1 in byte j.
def qb_int4_unpack(self, packed: Tensor) -> Tensor:
    n = packed.size(0)
    k = packed.size(1) * 2
    full = n // 64 * 64
    parts: List[Tensor] = []
    if full > 0:
        p = packed.narrow(0, 0, full).reshape([full // 64, k, 2, 16])
        nib = torch.stack([torch.bitwise_and(p, 15), torch.bitwise_right_shift(p, 4)], 2)
        parts.append(nib.permute([0, 2, 3, 4, 1]).reshape([full, k]))
    if n > full:
        t = n - full
        p = packed.narrow(0, full, t).reshape([k, t // 2])
        nib = torch.stack([torch.bitwise_and(p, 15), torch.bitwise_right_shift(p, 4)], 2)
        parts.append(nib.reshape([k, t]).t())
    return torch.cat(parts, 0).to(3)

def qb_dequant(self, kind: str, w: List[Tensor], start: int, size: int, group: int) -> Tensor:
    if kind == "int8-dequant-fp16pack":
        return w[0].narrow(0, start, size).to(6) * w[1].narrow(0, start, size).to(6).unsqueeze(1)
    codes = self.qb_int4_unpack(w[0].narrow(0, start, size)).to(6)
    sz = w[1].narrow(1, start, size).to(6)
    g = codes.reshape([size, -1, group])
    return ((g - 8.0) * sz.select(2, 0).t().unsqueeze(2) + sz.select(2, 1).t().unsqueeze(2)).reshape([size, -1])

# The matrix dequantised to float32 and packed for fbgemm's fp16 product, once per call, then x's rows in blocks of
# 128 (-fp16pack) or in one product (-fp16one).
def qb_dequant_fp16(self, kind: str, w: List[Tensor], x: Tensor) -> Tensor:
    n = w[0].size(0)
    base = "int8-dequant-fp16pack" if kind.startswith("int8") else "int4-dequant-fp16pack"
    m = ops.quantized.linear_prepack_fp16(self.qb_dequant(base, w, 0, n, 32), None)
    if kind.endswith("one"):
        return ops.quantized.linear_dynamic_fp16(x, m)
    parts: List[Tensor] = []
    for r in range(0, x.size(0), 128):
        parts.append(ops.quantized.linear_dynamic_fp16(x.narrow(0, r, min(128, x.size(0) - r)), m))
    return torch.cat(parts, 0)

def qb_run(self, kind: str, w: List[Tensor], x: Tensor, group: int, reps: int) -> Tensor:
    if kind == "int8pack-raw":
        x = x.to(15)
    y = self.qb_once(kind, w, x, group)
    for i in range(reps - 1):
        y = self.qb_once(kind, w, x, group)
    return y

def qb_run_packed(self, fp16: bool, p: __torch__.torch.classes.quantized.LinearPackedParamsBase, x: Tensor, reps: int) -> Tensor:
    return self.qb_run_packed_blocks(fp16, p, x, reps, 0)

# block > 0: x's rows in blocks of `block` (bf16 prefill's chunks of 128), one product each
def qb_run_packed_blocks(self, fp16: bool, p: __torch__.torch.classes.quantized.LinearPackedParamsBase, x: Tensor, reps: int, block: int) -> Tensor:
    y = torch.zeros([0])
    for i in range(reps):
        if fp16 and block > 0:
            parts: List[Tensor] = []
            for r in range(0, x.size(0), block):
                parts.append(ops.quantized.linear_dynamic_fp16(x.narrow(0, r, min(block, x.size(0) - r)), p))
            y = torch.cat(parts, 0)
        elif fp16:
            y = ops.quantized.linear_dynamic_fp16(x, p)
        else:
            y = ops.quantized.linear_dynamic(x, p, False)
    return y

def qb_input(self, rows: int, k: int) -> Tensor:
    torch.manual_seed(1)
    return torch.randn([rows, k])

def qb_error(self, y: Tensor, x: Tensor, reference: Tensor) -> float:
    expected = torch.linear(x, reference)
    return float(((y - expected).abs().max() / expected.abs().max()).item())
