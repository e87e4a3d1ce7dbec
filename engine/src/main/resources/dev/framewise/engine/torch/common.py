# Helpers every family's program includes (see TensorProgram.SHARED_SOURCES): mapping checkpoint files, and the
# plain matrix product the kernels of linear_cpu.py / linear_plain.py fall back to.

# torch.from_file memory-maps a weights file (copy-on-write) without reading it.
def map_file(self, path: str, numel: int, dtype: int) -> Tensor:
    return torch.from_file(path, False, numel, dtype=dtype)

# One weight: a view into a mapped file, moved to the device and dtype it is used in
# (no copy when both already match).
def weight_view(self, flat: Tensor, offset: int, shape: List[int], dtype: int, device: str) -> Tensor:
    numel = 1
    for d in shape:
        numel = numel * d
    return flat.narrow(0, offset, numel).view(shape).to(torch.device(device), dtype)

# A tensor with its own storage: views into a mapped file (which always start past the file's header, at a
# non-zero offset) are copied; tensors already converted or moved to a device are returned as they are.
def owned(self, t: Tensor) -> Tensor:
    if t.storage_offset() == 0:
        return t
    return t.clone()

# torch.linear with the weight (and bias) cast to x's dtype, a no-op when they already are; `linear` (defined in
# linear_cpu.py or linear_plain.py) comes here for every weight that is not packed.
def plain_linear(self, x: Tensor, w: Tensor, b: Optional[Tensor]) -> Tensor:
    dt = x.dtype
    if b is None:
        return torch.linear(x, w.to(dt))
    return torch.linear(x, w.to(dt), b.to(dt))
