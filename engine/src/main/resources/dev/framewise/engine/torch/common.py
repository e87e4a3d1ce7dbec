# Helpers every family's program includes (see TensorProgram.SHARED_SOURCES): mapping checkpoint files, and the
# plain matrix product the kernels of linear_cpu.py / linear_plain.py fall back to.

# The torch ScalarType codes the programs use: serialized TorchScript cannot name torch.float32 as a value, so the
# sources say FLOAT32 and so on (TorchScriptArchive writes the codes in). A `dtype: int` argument is such a code
# (Java's Precision.scalarType).
UINT8 : Final[int] = 0
INT8 : Final[int] = 1
INT32 : Final[int] = 3
INT64 : Final[int] = 4
FLOAT32 : Final[int] = 6
BOOL : Final[int] = 11
BFLOAT16 : Final[int] = 15

# A stop request for a long call (a prefill chunk of a large model takes seconds), read between its layers: Java
# raises it from another thread while the call runs, so that cancel need not wait for the whole chunk. int32 [1],
# always on the CPU (reading it never waits for a GPU).
def new_stop_flag(self) -> Tensor:
    return torch.zeros([1], dtype=INT32)

def raise_stop_flag(self, flag: Tensor) -> None:
    flag.fill_(1)

def clear_stop_flag(self, flag: Tensor) -> None:
    flag.fill_(0)

# Ends the call with an error Java recognises (LanguageModel.STOPPED) when a stop was raised (an assertion: the
# serialized programs cannot name exception classes).
def check_stop(self, flag: Optional[Tensor]) -> None:
    if flag is not None:
        assert int(flag.item()) == 0, "framewise: stopped"

# An nn.Linear with its bias, as a checkpoint holds it (the vision towers use their matrices as they are mapped).
class Dense(NamedTuple):
    weight: Tensor
    bias: Tensor

# x [L, in] times a Dense, weight and bias cast to x's dtype (a no-op when they already are): torch.linear, as
# upstream's nn.Linear.
def dense_linear(self, x: Tensor, d: Dense) -> Tensor:
    dt = x.dtype
    return torch.linear(x, d.weight.to(dt), d.bias.to(dt))

# The tensors of one load step by their names (relative to the step's prefix): Java passes the names and the tensors
# as two lists.
def named(self, names: List[str], tensors: List[Tensor]) -> Dict[str, Tensor]:
    checkpoint: Dict[str, Tensor] = {}
    for i in range(len(names)):
        checkpoint[names[i]] = tensors[i]
    return checkpoint

# The Dense `name` (name.weight, name.bias) of a step's tensors.
def dense(self, c: Dict[str, Tensor], name: str) -> Dense:
    return Dense(c[name + ".weight"], c[name + ".bias"])

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

# An uninitialised tensor, for Java to fill in place (a cached tensor read from its file: QuantizedCache.java).
def new_tensor(self, shape: List[int], dtype: int) -> Tensor:
    return torch.empty(shape, dtype=dtype)

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

# Non-causal attention of q, k, v [heads, seq, head_dim] within each segment [cu_seqlens[i], cu_seqlens[i + 1])
# (the vision towers' windows, images and temporal slices), [heads, seq, head_dim]. Segments of one length (every
# window of an image whose side is a multiple of the window, every slice of a video) go through one
# scaled_dot_product_attention call as a batch instead of one call (and one narrow per tensor) per 64-patch window.
def segment_attention(self, q: Tensor, k: Tensor, v: Tensor, cu_seqlens: List[int]) -> Tensor:
    count = len(cu_seqlens) - 1
    length = cu_seqlens[1] - cu_seqlens[0]
    uniform = cu_seqlens[0] == 0 and count * length == q.size(1)
    for i in range(count):
        if cu_seqlens[i + 1] - cu_seqlens[i] != length:
            uniform = False
    if uniform:
        heads = q.size(0)
        head_dim = q.size(2)
        qb = q.reshape([heads, count, length, head_dim]).transpose(0, 1)
        kb = k.reshape([heads, count, length, head_dim]).transpose(0, 1)
        vb = v.reshape([heads, count, length, head_dim]).transpose(0, 1)
        return torch.scaled_dot_product_attention(qb, kb, vb).transpose(0, 1).reshape([heads, count * length, head_dim])
    outputs: List[Tensor] = []
    for i in range(count):
        start = cu_seqlens[i]
        size = cu_seqlens[i + 1] - start
        outputs.append(torch.scaled_dot_product_attention(q.narrow(1, start, size), k.narrow(1, start, size), v.narrow(1, start, size)))
    return torch.cat(outputs, 1)
