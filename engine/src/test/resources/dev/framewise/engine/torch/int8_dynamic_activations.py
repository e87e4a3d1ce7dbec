# fbgemm's dynamic int8 product in place of _weight_int8pack_mm (Int8DynamicPrograms, a measurement only): the int8
# codes and their per-row scales as a per-channel quantised matrix packed for fbgemm (on every call here), the float32
# rows quantised by linear_dynamic to uint8 with one scale and zero point per call. INT8_DYNAMIC_ROWS (written by
# Int8DynamicPrograms) > 0 splits the rows into calls of that many, so that each group of rows gets its own scale.
# reduce_range False: 8-bit rows, right on CPUs with VNNI (fbgemm saturates 16-bit sums only without it).
def int8_dynamic_product(self, x: Tensor, codes: Tensor, scales: Tensor, b: Optional[Tensor]) -> Tensor:
    wq = torch._make_per_channel_quantized_tensor(codes, scales.to(7), torch.zeros([codes.size(0)], dtype=INT64), 0)
    packed = ops.quantized.linear_prepack(wq, None)
    xf = x.to(FLOAT32)
    rows = INT8_DYNAMIC_ROWS
    if rows <= 0 or rows >= xf.size(0):
        y = ops.quantized.linear_dynamic(xf, packed, False)
    else:
        parts: List[Tensor] = []
        for start in range(0, xf.size(0), rows):
            parts.append(ops.quantized.linear_dynamic(xf.narrow(0, start, min(rows, xf.size(0) - start)), packed, False))
        y = torch.cat(parts, 0)
    if b is not None:
        y = y + b.to(FLOAT32)
    return y.to(x.dtype)
