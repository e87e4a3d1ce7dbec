# The Qwen2 language model of Qwen2.5-VL as TorchScript: one function per upstream module of
# transformers/models/qwen2_5_vl/modeling_qwen2_5_vl.py. These functions become methods of the Qwen2.5-VL family's
# TorchScript class (see TorchScriptArchive), with the shared torch/*.py helpers, so they call each other as
# self.name(...).
#
# The program's weights are the named tuples below (TextWeights, one DecoderLayer per layer, a Linear per matrix),
# built from the checkpoint by prepare_weights and prepare_layer, which Java calls with each group's tensors by
# their checkpoint names (the model's own tensors, then each layer's, relative to model.layers.N.; the family's
# DecoderLayout lists them). q/k/v and gate/up are fused into one matrix each (see prepare_layer).
# Activations may be float32 while weights are bfloat16 (CPU prefill): weights are cast to the
# activations' dtype where they are used (see linear), a no-op when the dtypes agree.
# `dims` is [num_layers, num_heads, num_kv_heads, head_dim]. Hidden states are 2-D [L, hidden]: libtorch's CPU
# linear on a 3-D [1, 1, hidden] input took a path several times slower than on the same data in 2-D.
# dtypes are named (FLOAT32, BOOL, ...; torch/common.py): a `dtype: int` argument is a torch ScalarType code.

# One nn.Linear, its matrix [out, in] prepared for the fastest kernel at hand (see new_linear):
#   plain or oneDNN-packed: `weight` (float), `scales` None, `fp16` empty;
#   fbgemm fp16: `weight` empty, `fp16` holds fbgemm's packed matrix once finish_packing has filled it in (fbgemm's
#     packed matrices are TorchScript objects, not tensors, and packing runs in the background);
#   quantised (quantized_linear.py): int8: `weight` holds fbgemm's fused rows (codes with their scales and biases)
#     and `scales` is empty; int4: `weight` holds the packed codes (uint8) and `scales` their scales and zeros
#     ([groups, out, 2], bf16).
class Linear(NamedTuple):
    weight: Tensor
    bias: Optional[Tensor]
    scales: Optional[Tensor]
    fp16: List[__torch__.torch.classes.quantized.LinearPackedParamsBase]

# A decoder layer's weights (Qwen2_5_VLDecoderLayer, Qwen3VLTextDecoderLayer): the attention's q/k/v projections
# fused into qkv_proj [q + 2 kv, hidden] (with their biases in Qwen2), o_proj, the two RMSNorm weights, the MLP's
# gate_proj and up_proj fused into gate_up_proj [2 * intermediate, hidden], down_proj, and Qwen3's q_norm and
# k_norm (None in Qwen2).
class DecoderLayer(NamedTuple):
    input_layernorm: Tensor
    qkv_proj: Linear
    o_proj: Linear
    post_attention_layernorm: Tensor
    gate_up_proj: Linear
    down_proj: Linear
    q_norm: Optional[Tensor]
    k_norm: Optional[Tensor]

# The language model and lm_head. embed_tokens stays mapped from the checkpoint (only the looked-up rows are read);
# `layers` fills as Java calls prepare_layer.
class TextWeights(NamedTuple):
    embed_tokens: Tensor
    layers: List[DecoderLayer]
    norm: Tensor
    lm_head: Linear

# The fbgemm packings under way, oldest first: new_linear starts them, finish_packing collects them.
def new_pending(self) -> List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]]:
    pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]] = []
    return pending

# Waits for the oldest packings until at most `keep` are under way, and puts each into its Linear. Loading keeps one
# layer's packings running while it converts the next, so that the inter-op threads always have work (a layer's
# gate_up alone is 58 % of its elements, and lm_head is packed beside the first layer).
def finish_packing(self, pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]], keep: int) -> None:
    while len(pending) > keep:
        linear, matrix = pending.pop(0)
        linear.fp16.append(torch.wait(matrix))

# The model's own tensors -> TextWeights without layers, in steps so that loading can report progress:
# prepare_weights, then prepare_layer for every layer. Every tensor made here but the embedding owns its memory, and
# Java holds no other reference to a group's checkpoint tensors once the call returns, so the mapped pages of a
# checkpoint file are let go as soon as their copy exists: the weights are held once. `bits` is lm_head's.
def prepare_weights(self, names: List[str], tensors: List[Tensor], pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]], pack: bool, fp16: bool, bits: int, group: int) -> TextWeights:
    checkpoint = self.named(names, tensors)
    layers: List[DecoderLayer] = []
    return TextWeights(checkpoint["model.embed_tokens.weight"], layers, self.vector(checkpoint["model.norm.weight"], fp16),
                       self.linear_of(checkpoint, "lm_head", ["lm_head.weight"], None, pending, pack, fp16, bits, group))

# One decoder layer's tensors (names relative to model.layers.N.) -> the next DecoderLayer of `weights`. q/k/v and
# gate/up each become one matrix (a decoding step makes 4 matrix-vector products per layer instead of 7; each has a
# fixed cost on the CPU besides its bytes, docs/decode-speed.md).
def prepare_layer(self, weights: TextWeights, names: List[str], tensors: List[Tensor], pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]], pack: bool, fp16: bool, bits: int, group: int) -> None:
    c = self.named(names, tensors)
    qkv_bias = self.vector(torch.cat([c["self_attn.q_proj.bias"], c["self_attn.k_proj.bias"], c["self_attn.v_proj.bias"]], 0), fp16)
    weights.layers.append(DecoderLayer(
        input_layernorm=self.vector(c["input_layernorm.weight"], fp16),
        qkv_proj=self.linear_of(c, "self_attn.qkv_proj", ["self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight"], qkv_bias, pending, pack, fp16, bits, group),
        o_proj=self.linear_of(c, "self_attn.o_proj", ["self_attn.o_proj.weight"], None, pending, pack, fp16, bits, group),
        post_attention_layernorm=self.vector(c["post_attention_layernorm.weight"], fp16),
        gate_up_proj=self.linear_of(c, "mlp.gate_up_proj", ["mlp.gate_proj.weight", "mlp.up_proj.weight"], None, pending, pack, fp16, bits, group),
        down_proj=self.linear_of(c, "mlp.down_proj", ["mlp.down_proj.weight"], None, pending, pack, fp16, bits, group),
        q_norm=None, k_norm=None))

# The Linear `name` (lm_head, self_attn.qkv_proj, ...): the quantised matrix an earlier load left on disk where Java
# passes its parts as `name`.codes and `name`.scales (QuantizedCache.java; the checkpoint's copies are then not
# read at all), else made by new_linear from the checkpoint tensors `parts`, concatenated along the outputs.
def linear_of(self, c: Dict[str, Tensor], name: str, parts: List[str], bias: Optional[Tensor], pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]], pack: bool, fp16: bool, bits: int, group: int) -> Linear:
    codes = name + ".codes"
    if codes in c:
        no_fp16: List[__torch__.torch.classes.quantized.LinearPackedParamsBase] = []
        return Linear(c[codes], bias, c[name + ".scales"], no_fp16)
    if len(parts) == 1:
        return self.new_linear(c[parts[0]], bias, pending, pack, fp16, bits, group)
    return self.new_linear(torch.cat([c[p] for p in parts], 0), bias, pending, pack, fp16, bits, group)

# The codes and the scales of every quantised Linear of `weights`, in the order QuantizedCache.java lists them:
# lm_head, then per layer qkv_proj, o_proj, gate_up_proj, down_proj (the disk cache of quantised matrices).
def quantized_linears(self, weights: TextWeights) -> List[Tensor]:
    linears: List[Linear] = [weights.lm_head]
    for layer in weights.layers:
        linears.extend([layer.qkv_proj, layer.o_proj, layer.gate_up_proj, layer.down_proj])
    out: List[Tensor] = []
    for linear in linears:
        scales = linear.scales
        if scales is not None:
            out.append(linear.weight)
            out.append(scales)
    return out

# A norm weight or a bias: in float32 with `fp16`, where the CPU computes in float32 (fbgemm takes and gives it),
# which spares a cast per use; as it is otherwise. bf16 -> float32 is exact.
def vector(self, t: Tensor, fp16: bool) -> Tensor:
    if fp16:
        return t.to(FLOAT32)
    return self.owned(t)

# A matrix [out, in] and its bias prepared for the fastest kernel at hand. With `fp16` (bf16 weights on an x86 CPU),
# for fbgemm's fp16 kernel (fp16_matrix, started into `pending`): it splits every product over libtorch's
# intra-op threads and read matrices at 85-100 % of the torch.sum rate on the 2-core VM, where oneDNN's bf16
# kernel read at 54-80 %. bf16 -> fp16 is exact for every value of magnitude 6.1e-5 to 65504 (fp16 has more
# mantissa bits, fewer exponent bits); smaller ones keep an absolute error below 3e-8, and a matrix with a larger
# one takes the next path instead. With `pack` (oneDNN can run the precision here), packed for oneDNN
# (pack_matrix): the plain layout is re-packed on every call. Otherwise as it is.
# fbgemm packs one element at a time (~9 ns each here), so the matrices are packed at once on the inter-op threads
# (see finish_packing). Their float32 copies are made here, on the calling thread: an OpenMP-parallel operation on
# an inter-op thread would give that thread an OpenMP pool of its own (see TorchThread). With `bits` 8 or 4,
# quantised (quantized_linear.py) where the kernel takes the shape; an AWQ checkpoint's matrices (3-D, see
# awq_matrix) are packed for the int4 kernel as they are.
def new_linear(self, m: Tensor, bias: Optional[Tensor], pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]], pack: bool, fp16: bool, bits: int, group: int) -> Linear:
    no_fp16: List[__torch__.torch.classes.quantized.LinearPackedParamsBase] = []
    if m.dim() == 3:
        codes, scales = self.quantized_parts(self.awq_pack(m))
        return Linear(codes, bias, scales, no_fp16)
    if bits != 0 and self.quantizable(m, bits, group):
        codes, scales = self.quantized_parts(self.quantize(m, bits, group))
        return Linear(codes, bias, scales, no_fp16)
    if fp16 and self.fits_fp16(m):
        linear = Linear(torch.empty([0]), bias, None, no_fp16)
        pending.append((linear, fork(self.fp16_packing, m.to(FLOAT32).contiguous())))
        return linear
    if pack:
        return Linear(self.pack_matrix(m), bias, None, no_fp16)
    return Linear(self.owned(m), bias, None, no_fp16)

# fp16_matrix as a task of its own for torch.jit.fork (which takes only methods of this class).
def fp16_packing(self, m: Tensor) -> __torch__.torch.classes.quantized.LinearPackedParamsBase:
    return self.fp16_matrix(m)

def fits_fp16(self, m: Tensor) -> bool:
    low, high = torch.aminmax(m)
    return float(low.item()) >= -65504.0 and float(high.item()) <= 65504.0

# nn.Linear.forward, x [L, in] -> [L, out] plus the bias: quantised (quantized_linear.py), on fbgemm in float32
# where the matrix is packed for it, through linear (linear_cpu.py or linear_plain.py) otherwise.
def product(self, x: Tensor, linear: Linear) -> Tensor:
    return self.product_until(x, linear, None)

# product, where a quantised product of many rows may end early at a raised `stop` flag (quantized_linear_until).
def product_until(self, x: Tensor, linear: Linear, stop: Optional[Tensor]) -> Tensor:
    scales = linear.scales
    if scales is not None:
        return self.quantized_linear_until(x, linear.weight, scales, linear.bias, stop)
    if len(linear.fp16) > 0:
        y = self.fp16_linear(x.to(FLOAT32), linear.fp16[0])
        b = linear.bias
        if b is not None:
            y = y + b
        return y.to(x.dtype)
    return self.linear(x, linear.weight, linear.bias)

# The rows `last` [1, hidden] in the dtype lm_head's product takes: a float lm_head's own (a float32 prefill would
# otherwise convert the whole matrix, 2 GB in float32 for a 7B model, for one row); fbgemm and the quantised
# kernels take float32 rows.
def lm_head_rows(self, last: Tensor, lm_head: Linear) -> Tensor:
    if len(lm_head.fp16) == 0 and lm_head.weight.is_floating_point():
        return last.to(lm_head.weight.dtype)
    return last

# The KV cache: per layer a key and a value buffer [1, num_kv_heads, max_len, head_dim], in order k0, v0, k1, ...
# LanguageModel keeps it in float32 on the CPU whatever the weights' precision (bf16 keys and values are stored
# exactly; CPU prefill computes in float32 anyway, and float32 attention of one query is several times faster
# there than bf16), in the model's precision elsewhere.
def new_kv_cache(self, dims: List[int], max_len: int, dtype: int, device: str) -> List[Tensor]:
    caches: List[Tensor] = []
    for i in range(dims[0] * 2):
        caches.append(torch.zeros([1, dims[2], max_len, dims[3]], dtype=dtype, device=torch.device(device)))
    return caches

# Qwen2RMSNorm.forward: statistics in float32, the result cast back before the weight multiply.
def rms_norm(self, x: Tensor, weight: Tensor, eps: float) -> Tensor:
    if x.dtype == FLOAT32 and weight.dtype == FLOAT32:
        # The same arithmetic without the casts: a decoding step on the CPU runs ~50 norms.
        return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))
    h = x.to(FLOAT32)
    variance = h.pow(2).mean(-1, keepdim=True)
    h = h * torch.rsqrt(variance + eps)
    return weight.to(x.dtype) * h.to(x.dtype)

# rotate_half
def rotate_half(self, x: Tensor) -> Tensor:
    half = x.size(-1) // 2
    x1 = x.narrow(-1, 0, half)
    x2 = x.narrow(-1, half, half)
    return torch.cat([-x2, x1], -1)

# Qwen2_5_VLRotaryEmbedding.__init__ (default rope type): inv_freq = 1 / theta^(2i / head_dim), in float32.
def rotary_inv_freq(self, head_dim: int, theta: float, device: str) -> Tensor:
    exponents = torch.arange(0, head_dim, 2, dtype=INT64).to(FLOAT32) / head_dim
    return torch.reciprocal(torch.pow(theta, exponents)).to(torch.device(device))

# Qwen2_5_VLRotaryEmbedding.forward: position_ids [3, L] (temporal, height, width) -> cos, sin [3, L, head_dim]
# in float32 (angle = position * inv_freq per axis, cat(freqs, freqs)).
def rotary_embedding(self, position_ids: Tensor, inv_freq: Tensor) -> Tuple[Tensor, Tensor]:
    freqs = position_ids.to(FLOAT32).unsqueeze(-1) * inv_freq
    emb = torch.cat([freqs, freqs], -1)
    return emb.cos(), emb.sin()

# apply_multimodal_rotary_pos_emb, first half: the head dimension is split in chunks mrope_section * 2 and chunk
# i takes the angles of axis i % 3; cos and sin [3, L, head_dim] become [L, head_dim] in the activations' dtype,
# as upstream. Computed once per forward pass, not per layer (the tables are the same in every layer). The sine's
# first half is negated here: rotate_half's sign, so that apply_rotary can rotate by a roll (one operation of
# the ~80 a layer runs per token, instead of five).
def multimodal_rotary_tables(self, cos: Tensor, sin: Tensor, mrope_section: List[int], dtype: int) -> Tuple[Tensor, Tensor]:
    sections = mrope_section + mrope_section
    cos_parts = torch.split(cos, sections, -1)
    sin_parts = torch.split(sin, sections, -1)
    c = torch.cat([cos_parts[i][i % 3] for i in range(len(sections))], -1).to(dtype)
    s = torch.cat([sin_parts[i][i % 3] for i in range(len(sections))], -1).to(dtype)
    half = s.size(-1) // 2
    return c, torch.cat([-s.narrow(-1, 0, half), s.narrow(-1, half, half)], -1)

# apply_multimodal_rotary_pos_emb, second half, for one tensor of heads [1, heads, L, head_dim], with the tables of
# multimodal_rotary_tables: rotate_half(x) * sin = roll(x, half) * (sin with its first half negated), exactly.
def apply_rotary(self, x: Tensor, c: Tensor, s: Tensor) -> Tensor:
    return x * c + x.roll(x.size(-1) // 2, -1) * s

# Qwen2Attention's q/k/v projections (one fused matrix), the view to heads and M-RoPE (queries and keys rotated
# together): x [L, hidden] -> queries [1, heads, L, head_dim], keys and values [1, kv_heads, L, head_dim].
def qkv_states(self, x: Tensor, layer: DecoderLayer, dims: List[int], c: Tensor, s: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    length = x.size(0)
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    qkv = self.product(x, layer.qkv_proj)
    qk = qkv.narrow(1, 0, (n_heads + n_kv) * head_dim).view(1, length, n_heads + n_kv, head_dim).transpose(1, 2)
    qk = self.apply_rotary(qk, c, s)
    v = qkv.narrow(1, (n_heads + n_kv) * head_dim, n_kv * head_dim).view(1, length, n_kv, head_dim).transpose(1, 2)
    return qk.narrow(1, 0, n_heads), qk.narrow(1, n_heads, n_kv), v

# Qwen2_5_VLAttention.forward: q/k/v projections with bias, M-RoPE, then cached_attention.
def attention(self, x: Tensor, layer: DecoderLayer, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int]) -> Tensor:
    q, k, v = self.qkv_states(x, layer, dims, c, s)
    return self.cached_attention(q, k, v, layer, k_cache, v_cache, past, dims, x.dtype)

# The rest of the attention block, shared by the decoders whose projections differ (qwen3_vl_text.py's q3_attention):
# the new keys and values written into the cache at [past, past + L), grouped-query attention over the cache,
# causal, scaled by head_dim^-0.5, and o_proj, in `dt` (the hidden states' dtype).
# A single query (decoding) takes upstream's eager_attention_forward in the cache's dtype (float32 on the CPU,
# see new_kv_cache), without repeating keys and values per head (queries grouped by their key/value head
# instead): torch's CPU scaled_dot_product_attention is slower for one query than two plain matmuls
# (docs/decode-speed.md has the figures).
def cached_attention(self, q: Tensor, k: Tensor, v: Tensor, layer: DecoderLayer, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], dt: int) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = q.size(2)
    k_cache.narrow(2, past, length).copy_(k)
    v_cache.narrow(2, past, length).copy_(v)
    if length == 1:
        ct = k_cache.dtype
        grouped = q.reshape(1, n_kv, n_heads // n_kv, head_dim).to(ct)
        scores = torch.matmul(grouped, k_cache.narrow(2, 0, past + 1).transpose(2, 3)) * (head_dim ** -0.5)
        probs = torch.softmax(scores, -1, dtype=FLOAT32).to(ct)
        out = torch.matmul(probs, v_cache.narrow(2, 0, past + 1)).reshape(1, n_heads * head_dim).to(dt)
        return self.product(out, layer.o_proj)
    out = self.prompt_attention(q, k_cache, v_cache, past, length, dims)
    return self.product(out.transpose(1, 2).reshape(length, n_heads * head_dim), layer.o_proj)

# Causal attention of a prompt's `length` queries q [1, heads, L, head_dim] over the cache [0, past + length), in
# q's dtype. A fresh prompt or the first prefill chunk (past 0) is causal without a mask, through
# scaled_dot_product_attention so libtorch picks a fused kernel: CUDA's flash attention takes grouped key/value heads
# but no mask, and a causal kernel may skip the blocks above the diagonal instead of masking them. After a cached
# prefix or an earlier chunk the mask is needed: on CUDA memory-efficient attention takes it with the heads repeated
# (a mask with enable_gqa falls back to the math kernel, which materialises every score). On the CPU, float32 (the
# CPU's activations and cache) after an earlier chunk attends without repeating the cache's key/value heads:
# libtorch 2.7.1's CPU flash kernel takes a mask but no grouped heads, and repeating the heads of a long cache for
# every chunk, and the flash kernel over them with the mask, ran far below the matrix products' rate. While the
# stacked rows' float mask stays within GROUPED_MASK_BYTES grouped_prompt_attention (one masked call) was the
# faster, beyond it merged_prompt_attention (no mask to build and read) (docs/performance.md,
# PromptAttentionMeasurement).
def prompt_attention(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int]) -> Tensor:
    if past > 0 and not q.is_cuda and q.dtype == FLOAT32 and k_cache.dtype == FLOAT32:
        if dims[1] // dims[2] * length * (past + length) * 4 <= GROUPED_MASK_BYTES:
            return self.grouped_prompt_attention(q, k_cache, v_cache, past, length, dims)
        return self.merged_prompt_attention(q, k_cache, v_cache, past, length, dims)
    return self.repeated_prompt_attention(q, k_cache, v_cache, past, length, dims)

# prompt_attention through scaled_dot_product_attention, the key/value heads repeated per query head where the
# kernel takes no grouped heads.
def repeated_prompt_attention(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int]) -> Tensor:
    head_dim = dims[3]
    group = dims[1] // dims[2]
    keys = k_cache.narrow(2, 0, past + length).to(q.dtype)
    values = v_cache.narrow(2, 0, past + length).to(q.dtype)
    if past == 0 and q.is_cuda:
        return torch.scaled_dot_product_attention(q, keys, values, None, 0.0, True, scale=head_dim ** -0.5, enable_gqa=True)
    if group > 1:
        keys = keys.repeat_interleave(group, 1)
        values = values.repeat_interleave(group, 1)
    if past == 0:
        return torch.scaled_dot_product_attention(q, keys, values, None, 0.0, True, scale=head_dim ** -0.5)
    mask = torch.ones([length, past + length], dtype=BOOL, device=q.device).tril(past)
    return torch.scaled_dot_product_attention(q, keys, values, mask, 0.0, False, scale=head_dim ** -0.5)

# The largest float mask prompt_attention lets grouped_prompt_attention build (the kernel's float copy of the boolean
# one, read once per key/value head): past it, building and reading the mask cost more than the merge's second call.
GROUPED_MASK_BYTES : Final[int] = 33554432

# Grouped-query attention on the CPU without repeating the cache's key/value heads: the queries of the `group` heads
# that share a key/value head are stacked, q viewed as [1, kv_heads, group * L, head_dim] (head h uses key/value
# head h // group, as repeat_interleave pairs them), so that libtorch's flash kernel reads each key/value head where
# it lies in the cache. Row r of a stack is query r % L of the chunk, which sees keys < past + r % L + 1: the causal
# mask [group * L, past + L] is built for the stacked rows (prompt_attention bounds its size).
def grouped_prompt_attention(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int]) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    rows = n_heads // n_kv * length
    total = past + length
    grouped = q.reshape(1, n_kv, rows, head_dim)
    columns = torch.arange(total, device=q.device).unsqueeze(0)
    visible = torch.remainder(torch.arange(rows, device=q.device), length).unsqueeze(1) + (past + 1)
    out = torch.scaled_dot_product_attention(grouped, k_cache.narrow(2, 0, total), v_cache.narrow(2, 0, total), columns < visible, 0.0, False, scale=head_dim ** -0.5)
    return out.reshape(1, n_heads, length, head_dim)

# prompt_attention as two calls of libtorch's CPU flash kernel merged by their log-sum-exp (the kernel's own second
# output, hence its op rather than scaled_dot_product_attention), neither with a mask: each key/value head's
# stacked queries (as grouped_prompt_attention) over the `past` cached keys, all visible, where they lie in the
# cache; and the chunk's queries over its own L keys, causal (those L keys repeated per head: small). With
# weights w = exp(lse - logaddexp(lse_past, lse_own)) the merge is exact: softmax over the union of the keys. The
# working set is the kernel's per-thread blocks and the outputs, whatever the cache's length. past >= 1: the kernel
# divides by zero over no keys.
def merged_prompt_attention(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int]) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    group = n_heads // n_kv
    scale = head_dim ** -0.5
    grouped = q.reshape(1, n_kv, group * length, head_dim)
    out_past, lse_past = torch._scaled_dot_product_flash_attention_for_cpu(grouped, k_cache.narrow(2, 0, past), v_cache.narrow(2, 0, past), 0.0, False, attn_mask=None, scale=scale)
    own_keys = k_cache.narrow(2, past, length)
    own_values = v_cache.narrow(2, past, length)
    if group > 1:
        own_keys = own_keys.repeat_interleave(group, 1)
        own_values = own_values.repeat_interleave(group, 1)
    out_own, lse_own = torch._scaled_dot_product_flash_attention_for_cpu(q, own_keys, own_values, 0.0, True, attn_mask=None, scale=scale)
    lse_past = lse_past.reshape(1, n_heads, length, 1)
    lse_own = lse_own.reshape(1, n_heads, length, 1)
    lse = torch.logaddexp(lse_past, lse_own)
    return out_past.reshape(1, n_heads, length, head_dim) * torch.exp(lse_past - lse) + out_own * torch.exp(lse_own - lse)

# The cost preview's attention probe (AttentionKernelRate.java): random queries [1, heads, length, head_dim] and a
# key and a value cache [1, kv_heads, past + length, head_dim] in `dtype`, made once; probe_attention then times
# prompt_attention itself on them, so that the rate measured is the one this program's prefill attends at.
def probe_attention_inputs(self, heads: int, kv_heads: int, head_dim: int, length: int, past: int, dtype: int, device: str) -> List[Tensor]:
    torch.manual_seed(2)
    d = torch.device(device)
    q = torch.randn([1, heads, length, head_dim]).to(device=d, dtype=dtype)
    k = torch.randn([1, kv_heads, past + length, head_dim]).to(device=d, dtype=dtype)
    v = torch.randn([1, kv_heads, past + length, head_dim]).to(device=d, dtype=dtype)
    return [q, k, v]

def probe_attention(self, inputs: List[Tensor], past: int, length: int, dims: List[int]) -> float:
    return float(self.prompt_attention(inputs[0], inputs[1], inputs[2], past, length, dims)[0, 0, 0, 0].item())

# Qwen2MLP.forward: SwiGLU, no bias, gate and up as one matrix.
def mlp(self, x: Tensor, layer: DecoderLayer, stop: Optional[Tensor]) -> Tensor:
    both = self.product_until(x, layer.gate_up_proj, stop)
    self.check_stop(stop)  # gate_up is most of a layer's work: a stop need not wait for down_proj too
    half = both.size(1) // 2
    return self.product_until(torch.silu(both.narrow(1, 0, half)) * both.narrow(1, half, half), layer.down_proj, stop)

# Qwen2_5_VLDecoderLayer.forward: pre-norm residual blocks.
def decoder_layer(self, h: Tensor, layer: DecoderLayer, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], eps: float, stop: Optional[Tensor]) -> Tensor:
    h = h + self.attention(self.rms_norm(h, layer.input_layernorm, eps), layer, c, s, k_cache, v_cache, past, dims)
    self.check_stop(stop)
    return h + self.mlp(self.rms_norm(h, layer.post_attention_layernorm, eps), layer, stop)

# Qwen2_5_VLModel.embed_tokens: token ids [L] -> [L, hidden] in the given dtype.
def embed_tokens(self, ids: Tensor, weights: TextWeights, dtype: int) -> Tensor:
    return torch.embedding(weights.embed_tokens, ids.to(weights.embed_tokens.device)).to(dtype)

# Replaces rows of embeds [L, hidden] (the image / video pad tokens) by replacement [n, hidden], in order
# (the masked_scatter of Qwen2_5_VLModel.forward).
def replace_rows(self, embeds: Tensor, rows: Tensor, replacement: Tensor) -> Tensor:
    return embeds.index_copy(0, rows.to(embeds.device), replacement.to(device=embeds.device, dtype=embeds.dtype))

# The rows [start, start + length) of embeds [L, hidden]: one prefill chunk.
def rows_between(self, embeds: Tensor, start: int, length: int) -> Tensor:
    return embeds.narrow(0, start, length)

# Qwen2_5_VLModel.forward (language part) + lm_head: runs embeds [L, hidden] at M-RoPE positions [3, L]
# through every layer, appending to the cache from position `past`, and returns the float32 logits [vocab]
# of the last position on the CPU. A raised `stop` flag (check_stop) ends the call before the next layer, its MLP
# or its down_proj, whichever comes first.
def language_model(self, embeds: Tensor, position_ids: Tensor, weights: TextWeights, caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, stop: Optional[Tensor]) -> Tensor:
    cos, sin = self.rotary_embedding(position_ids.to(inv_freq.device), inv_freq)
    c, s = self.multimodal_rotary_tables(cos, sin, mrope_section, embeds.dtype)
    h = embeds
    for i in range(dims[0]):
        self.check_stop(stop)
        h = self.decoder_layer(h, weights.layers[i], c, s, caches[2 * i], caches[2 * i + 1], past, dims, eps, stop)
    last = self.rms_norm(h.narrow(0, h.size(0) - 1, 1), weights.norm, eps)
    return self.product(self.lm_head_rows(last, weights.lm_head), weights.lm_head).reshape(-1).to(FLOAT32).cpu()

# One decoding step: embed one token and run it at its position (one TorchScript call per token).
def decode_step(self, ids: Tensor, position_ids: Tensor, weights: TextWeights, caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    return self.language_model(self.embed_tokens(ids, weights, dtype), position_ids, weights, caches, past, dims, mrope_section, eps, inv_freq, None)

# Frame evidence (no upstream module; the eager attention of Qwen2_5_VLAttention with output_attentions): queries
# x [n, hidden] at cache positions [start, start + n) attend the cache's keys and values [0, start + n), causally,
# without writing the cache (those positions were written while decoding). Returns the layer's attention output
# [n, hidden] and its softmax probabilities summed over heads and queries, per key position [start + n], float32.
def evidence_attention(self, x: Tensor, layer: DecoderLayer, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, start: int, dims: List[int]) -> Tuple[Tensor, Tensor]:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = x.size(0)
    dt = x.dtype
    q, _, _ = self.qkv_states(x, layer, dims, c, s)
    keys = k_cache.narrow(2, 0, start + length).to(dt).repeat_interleave(n_heads // n_kv, 1)
    values = v_cache.narrow(2, 0, start + length).to(dt).repeat_interleave(n_heads // n_kv, 1)
    scores = torch.matmul(q, keys.transpose(2, 3)).to(FLOAT32) * (head_dim ** -0.5)
    visible = torch.ones([length, start + length], dtype=BOOL, device=x.device).tril(start)
    probs = torch.softmax(scores.masked_fill(visible.logical_not(), float("-inf")), -1)
    out = torch.matmul(probs.to(dt), values).transpose(1, 2).reshape(length, n_heads * head_dim)
    return self.product(out, layer.o_proj), probs.sum([0, 1, 2])

# Frame evidence over all layers: token ids [n] at cache positions [start, start + n) and M-RoPE positions [3, n]
# through every decoder layer as language_model does (attention by evidence_attention); returns per layer the
# attention probabilities summed over heads and queries per key position, [num_layers, start + n] float32 on the CPU.
def attention_mass(self, ids: Tensor, position_ids: Tensor, weights: TextWeights, caches: List[Tensor], start: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    cos, sin = self.rotary_embedding(position_ids.to(inv_freq.device), inv_freq)
    h = self.embed_tokens(ids, weights, dtype)
    c, s = self.multimodal_rotary_tables(cos, sin, mrope_section, h.dtype)
    masses: List[Tensor] = []
    for i in range(dims[0]):
        layer = weights.layers[i]
        attn, mass = self.evidence_attention(self.rms_norm(h, layer.input_layernorm, eps), layer, c, s, caches[2 * i], caches[2 * i + 1], start, dims)
        masses.append(mass)
        h = h + attn
        h = h + self.mlp(self.rms_norm(h, layer.post_attention_layernorm, eps), layer, None)
    return torch.stack(masses, 0).cpu()

# The output projection's matrix-vector product alone (the largest matrix a decoding step reads, through the same
# kernel as every other): how close this machine's matrix kernels come to the torch.sum read.
def lm_head_product(self, weights: TextWeights, dtype: int) -> float:
    x = torch.ones([1, weights.norm.size(0)], dtype=dtype, device=weights.norm.device)
    return float(self.product(self.lm_head_rows(x, weights.lm_head), weights.lm_head).sum().item())

# bench prefill's yardstick: `rows` random rows [rows, hidden] in `dtype` (the prefill's activations), made once.
def product_rows(self, weights: TextWeights, rows: int, dtype: int) -> Tensor:
    torch.manual_seed(0)
    return torch.randn([rows, weights.norm.size(0)]).to(device=weights.norm.device, dtype=dtype)

# The first layer's gate/up product (a layer's largest matrix) of those rows through product: the very kernel and
# matrix layout prefill multiplies with at this precision (fbgemm fp16, torch.linear, oneDNN or a quantised kernel).
def layer_product(self, weights: TextWeights, x: Tensor) -> float:
    return float(self.product(x, weights.layers[0].gate_up_proj)[0, 0].item())

# The cost preview's micro-benchmark, before any model is loaded (ProductKernelRate.java): a random matrix [out, in]
# of `dtype` at a checkpoint's scale, prepared by new_linear as a model's own matrix would be at load (fbgemm fp16,
# oneDNN, plain or quantised), so that probe_product times the very kernel layer_product does. int4 takes the
# min..max fit instead of the least-squares search: the same layout and kernel, without the search's seconds.
def probe_linear(self, out: int, inputs: int, dtype: int, device: str, pack: bool, fp16: bool, bits: int, group: int) -> Linear:
    torch.manual_seed(0)
    m = (torch.randn([out, inputs]) * 0.02).to(device=torch.device(device), dtype=dtype)
    if bits == 4 and self.quantizable(m, bits, group):
        c, s, z = self.int4_codes_with(m, self.int4_group(inputs, group), 1)
        codes, scales = self.quantized_parts(self.int4_pack(c, s, z))
        no_fp16: List[__torch__.torch.classes.quantized.LinearPackedParamsBase] = []
        return Linear(codes, None, scales, no_fp16)
    pending = self.new_pending()
    linear = self.new_linear(m, None, pending, pack, fp16, bits, group)
    self.finish_packing(pending, 0)
    return linear

def probe_rows(self, rows: int, inputs: int, dtype: int, device: str) -> Tensor:
    torch.manual_seed(1)
    return torch.randn([rows, inputs]).to(device=torch.device(device), dtype=dtype)

def probe_product(self, x: Tensor, linear: Linear) -> float:
    return float(self.product(x, linear)[0, 0].item())
