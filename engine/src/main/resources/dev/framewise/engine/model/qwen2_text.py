# The Qwen2 language model of Qwen2.5-VL as TorchScript: one function per upstream module of
# transformers/models/qwen2_5_vl/modeling_qwen2_5_vl.py. These functions become methods of one
# TorchScript class (see TorchScriptArchive), so they call each other as self.name(...).
#
# Weights arrive as one flat List[Tensor] `w` laid out by LanguageModelWeights:
#   w[0] embed_tokens [vocab, hidden], w[1] final norm [hidden], w[2] lm_head [vocab, hidden],
#   then 12 per decoder layer from w[3 + 12 * i]: input_layernorm, q_proj.weight, q_proj.bias,
#   k_proj.weight, k_proj.bias, v_proj.weight, v_proj.bias, o_proj.weight, post_attention_layernorm,
#   gate_proj, up_proj, down_proj.
# Activations may be float32 while weights are bfloat16 (CPU prefill): weights are cast to the
# activations' dtype where they are used, a no-op when the dtypes agree.
# `dims` is [num_layers, num_heads, num_kv_heads, head_dim]. Hidden states are 2-D [L, hidden]: libtorch's CPU
# linear on a 3-D [1, 1, hidden] input took a path several times slower than on the same data in 2-D.
# Serialized TorchScript names dtypes by their ScalarType codes: 4 int64, 6 float32, 11 bool, 15 bfloat16.

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

# The KV cache: per layer a key and a value buffer [1, num_kv_heads, max_len, head_dim], in order k0, v0, k1, ...
def new_kv_cache(self, dims: List[int], max_len: int, dtype: int, device: str) -> List[Tensor]:
    caches: List[Tensor] = []
    for i in range(dims[0] * 2):
        caches.append(torch.zeros([1, dims[2], max_len, dims[3]], dtype=dtype, device=torch.device(device)))
    return caches

# Qwen2RMSNorm.forward: statistics in float32, the result cast back before the weight multiply.
def rms_norm(self, x: Tensor, weight: Tensor, eps: float) -> Tensor:
    h = x.to(6)
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
    exponents = torch.arange(0, head_dim, 2, dtype=4).to(6) / head_dim
    return torch.reciprocal(torch.pow(theta, exponents)).to(torch.device(device))

# Qwen2_5_VLRotaryEmbedding.forward: position_ids [3, L] (temporal, height, width) -> cos, sin [3, L, head_dim]
# in float32 (angle = position * inv_freq per axis, cat(freqs, freqs)).
def rotary_embedding(self, position_ids: Tensor, inv_freq: Tensor) -> Tuple[Tensor, Tensor]:
    freqs = position_ids.to(6).unsqueeze(-1) * inv_freq
    emb = torch.cat([freqs, freqs], -1)
    return emb.cos(), emb.sin()

# apply_multimodal_rotary_pos_emb: the head dimension is split in chunks mrope_section * 2 and chunk i takes
# the angles of axis i % 3; cos and sin are cast to the activations' dtype first, as upstream.
def apply_multimodal_rotary_pos_emb(self, q: Tensor, k: Tensor, cos: Tensor, sin: Tensor, mrope_section: List[int]) -> Tuple[Tensor, Tensor]:
    sections = mrope_section + mrope_section
    cos_parts = torch.split(cos, sections, -1)
    sin_parts = torch.split(sin, sections, -1)
    c = torch.cat([cos_parts[i][i % 3] for i in range(len(sections))], -1).to(q.dtype)
    s = torch.cat([sin_parts[i][i % 3] for i in range(len(sections))], -1).to(q.dtype)
    q_embed = q * c + self.rotate_half(q) * s
    k_embed = k * c + self.rotate_half(k) * s
    return q_embed, k_embed

# Qwen2Attention.q_proj and the view to heads: x [L, hidden] -> queries [1, heads, L, head_dim] (shared by the
# decoder's attention and frame evidence).
def query_states(self, x: Tensor, w: List[Tensor], base: int, dims: List[int]) -> Tensor:
    dt = x.dtype
    return torch.linear(x, w[base + 1].to(dt), w[base + 2].to(dt)).view(1, x.size(0), dims[1], dims[3]).transpose(1, 2)

# Qwen2_5_VLAttention.forward: q/k/v projections with bias, M-RoPE, the new keys and values written into the
# cache at [past, past + L), grouped-query attention over the cache, causal, scaled by head_dim^-0.5.
def attention(self, x: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, mrope_section: List[int], k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int]) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = x.size(0)
    dt = x.dtype
    q = self.query_states(x, w, base, dims)
    k = torch.linear(x, w[base + 3].to(dt), w[base + 4].to(dt)).view(1, length, n_kv, head_dim).transpose(1, 2)
    v = torch.linear(x, w[base + 5].to(dt), w[base + 6].to(dt)).view(1, length, n_kv, head_dim).transpose(1, 2)
    q, k = self.apply_multimodal_rotary_pos_emb(q, k, cos, sin, mrope_section)
    k_cache.narrow(2, past, length).copy_(k)
    v_cache.narrow(2, past, length).copy_(v)
    keys = k_cache.narrow(2, 0, past + length).to(dt)
    values = v_cache.narrow(2, 0, past + length).to(dt)
    mask: Optional[Tensor] = None
    if length > 1:
        mask = torch.ones([length, past + length], dtype=11, device=x.device).tril(past)
    out = torch.scaled_dot_product_attention(q, keys, values, mask, 0.0, False, scale=head_dim ** -0.5, enable_gqa=True)
    out = out.transpose(1, 2).reshape(length, n_heads * head_dim)
    return torch.linear(out, w[base + 7].to(dt))

# Qwen2MLP.forward: SwiGLU, no bias.
def mlp(self, x: Tensor, gate: Tensor, up: Tensor, down: Tensor) -> Tensor:
    dt = x.dtype
    return torch.linear(torch.silu(torch.linear(x, gate.to(dt))) * torch.linear(x, up.to(dt)), down.to(dt))

# Qwen2_5_VLDecoderLayer.forward: pre-norm residual blocks.
def decoder_layer(self, h: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, mrope_section: List[int], k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], eps: float) -> Tensor:
    h = h + self.attention(self.rms_norm(h, w[base], eps), w, base, cos, sin, mrope_section, k_cache, v_cache, past, dims)
    return h + self.mlp(self.rms_norm(h, w[base + 8], eps), w[base + 9], w[base + 10], w[base + 11])

# Qwen2_5_VLModel.embed_tokens: token ids [L] -> [L, hidden] in the given dtype.
def embed_tokens(self, ids: Tensor, w: List[Tensor], dtype: int) -> Tensor:
    return torch.embedding(w[0], ids.to(w[0].device)).to(dtype)

# Replaces rows of embeds [L, hidden] (the image / video pad tokens) by replacement [n, hidden], in order
# (the masked_scatter of Qwen2_5_VLModel.forward).
def replace_rows(self, embeds: Tensor, rows: Tensor, replacement: Tensor) -> Tensor:
    return embeds.index_copy(0, rows.to(embeds.device), replacement.to(device=embeds.device, dtype=embeds.dtype))

# The rows of embeds [L, hidden] from `start` on: the part of a prompt after a re-used cached prefix.
def rows_from(self, embeds: Tensor, start: int) -> Tensor:
    return embeds.narrow(0, start, embeds.size(0) - start)

# Qwen2_5_VLModel.forward (language part) + lm_head: runs embeds [L, hidden] at M-RoPE positions [3, L]
# through every layer, appending to the cache from position `past`, and returns the float32 logits [vocab]
# of the last position on the CPU.
def language_model(self, embeds: Tensor, position_ids: Tensor, w: List[Tensor], caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor) -> Tensor:
    cos, sin = self.rotary_embedding(position_ids.to(inv_freq.device), inv_freq)
    h = embeds
    for i in range(dims[0]):
        h = self.decoder_layer(h, w, 3 + 12 * i, cos, sin, mrope_section, caches[2 * i], caches[2 * i + 1], past, dims, eps)
    last = self.rms_norm(h.narrow(0, h.size(0) - 1, 1), w[1], eps)
    return torch.linear(last, w[2].to(last.dtype)).reshape(-1).to(6).cpu()

# One decoding step: embed one token and run it at its position (one TorchScript call per token).
def decode_step(self, ids: Tensor, position_ids: Tensor, w: List[Tensor], caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    return self.language_model(self.embed_tokens(ids, w, dtype), position_ids, w, caches, past, dims, mrope_section, eps, inv_freq)

# Frame evidence (no upstream module; the eager attention of Qwen2_5_VLAttention with output_attentions): queries
# x [n, hidden] at cache positions [start, start + n) attend the cache's keys and values [0, start + n), causally,
# without writing the cache (those positions were written while decoding). Returns the layer's attention output
# [n, hidden] and its softmax probabilities summed over heads and queries, per key position [start + n], float32.
def evidence_attention(self, x: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, mrope_section: List[int], k_cache: Tensor, v_cache: Tensor, start: int, dims: List[int]) -> Tuple[Tensor, Tensor]:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = x.size(0)
    dt = x.dtype
    q = self.query_states(x, w, base, dims)
    q, _ = self.apply_multimodal_rotary_pos_emb(q, q, cos, sin, mrope_section)
    keys = k_cache.narrow(2, 0, start + length).to(dt).repeat_interleave(n_heads // n_kv, 1)
    values = v_cache.narrow(2, 0, start + length).to(dt).repeat_interleave(n_heads // n_kv, 1)
    scores = torch.matmul(q, keys.transpose(2, 3)).to(6) * (head_dim ** -0.5)
    visible = torch.ones([length, start + length], dtype=11, device=x.device).tril(start)
    probs = torch.softmax(scores.masked_fill(visible.logical_not(), float("-inf")), -1)
    out = torch.matmul(probs.to(dt), values).transpose(1, 2).reshape(length, n_heads * head_dim)
    return torch.linear(out, w[base + 7].to(dt)), probs.sum([0, 1, 2])

# Frame evidence over all layers: token ids [n] at cache positions [start, start + n) and M-RoPE positions [3, n]
# through every decoder layer as language_model does (attention by evidence_attention); returns per layer the
# attention probabilities summed over heads and queries per key position, [num_layers, start + n] float32 on the CPU.
def attention_mass(self, ids: Tensor, position_ids: Tensor, w: List[Tensor], caches: List[Tensor], start: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    cos, sin = self.rotary_embedding(position_ids.to(inv_freq.device), inv_freq)
    h = self.embed_tokens(ids, w, dtype)
    masses: List[Tensor] = []
    for i in range(dims[0]):
        base = 3 + 12 * i
        attn, mass = self.evidence_attention(self.rms_norm(h, w[base], eps), w, base, cos, sin, mrope_section, caches[2 * i], caches[2 * i + 1], start, dims)
        masses.append(mass)
        h = h + attn
        h = h + self.mlp(self.rms_norm(h, w[base + 8], eps), w[base + 9], w[base + 10], w[base + 11])
    return torch.stack(masses, 0).cpu()
