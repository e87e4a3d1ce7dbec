# The Qwen3 language model of Qwen3-VL as TorchScript: one function per upstream module of
# transformers/models/qwen3_vl/modeling_qwen3_vl.py (Qwen3VLTextModel and its parts). Compiled into the Qwen3-VL
# program next to qwen2_text.py, whose helpers it shares (weight mapping, matrix preparation and products, KV
# cache, RMSNorm, rotary helpers); every function of its own is prefixed q3_ so that nothing collides.
#
# Weights arrive from the checkpoint as one flat List[Tensor] in the order Qwen3TextLayout.tensorShapes gives:
#   [0] embed_tokens [vocab, hidden], [1] final norm [hidden], [2] lm_head [vocab, hidden],
#   then 11 per decoder layer from 3 + 11 * i: input_layernorm, q_proj, k_proj, v_proj, o_proj, q_norm, k_norm,
#   post_attention_layernorm, gate_proj, up_proj, down_proj (Qwen3 has no attention bias).
# prepare_weights (shared) and q3_prepare_layer turn that into the list `w`: [0] embed_tokens, [1] final norm,
# [2] lm_head, then 8 per layer from q3_layer_base(i): +0 input_layernorm, +1 q_norm, +2 post_attention_layernorm,
# +3 qkv [q + 2 kv, hidden], +4 o_proj, +5 gate_up [2 * intermediate, hidden], +6 down, +7 k_norm. The offsets of
# the norms and matrices are those of qwen2_text.py, so its mlp serves this model too.

def q3_prepare_layer(self, checkpoint: List[Tensor], w: List[Tensor], pending: List[Future[Tuple[int, __torch__.torch.classes.quantized.LinearPackedParamsBase]]], i: int, pack: bool, fp16: bool, bits: int, group: int) -> None:
    base = 3 + 11 * i
    w.append(self.vector(checkpoint[base], fp16))
    w.append(self.vector(checkpoint[base + 5], fp16))
    w.append(self.vector(checkpoint[base + 7], fp16))
    qkv = torch.cat([checkpoint[base + 1], checkpoint[base + 2], checkpoint[base + 3]], 0)
    gate_up = torch.cat([checkpoint[base + 8], checkpoint[base + 9]], 0)
    self.add_matrices(w, pending, [qkv, checkpoint[base + 4], gate_up, checkpoint[base + 10]], pack, fp16, bits, group)
    w.append(self.vector(checkpoint[base + 6], fp16))
    for j in range(11):
        checkpoint[base + j] = torch.empty([0])

def q3_layer_base(self, i: int) -> int:
    return 3 + 8 * i

# Qwen3VLTextRotaryEmbedding.forward with apply_interleaved_mrope: angle = position * inv_freq in float32, frequency
# i taking the height position where i % 3 == 1 and i < 3 * mrope_section[1], the width position where i % 3 == 2
# and i < 3 * mrope_section[2], the temporal one otherwise; cos and sin of cat(angles, angles) in `dtype`. As in
# multimodal_rotary_tables, the sine's first half comes negated (rotate_half's sign) for apply_rotary's roll.
def q3_rotary_tables(self, position_ids: Tensor, inv_freq: Tensor, mrope_section: List[int], dtype: int) -> Tuple[Tensor, Tensor]:
    freqs = position_ids.to(inv_freq.device).to(6).unsqueeze(-1) * inv_freq
    angles = freqs[0].clone()
    angles[:, 1:3 * mrope_section[1]:3] = freqs[1][:, 1:3 * mrope_section[1]:3]
    angles[:, 2:3 * mrope_section[2]:3] = freqs[2][:, 2:3 * mrope_section[2]:3]
    emb = torch.cat([angles, angles], -1)
    c = emb.cos().to(dtype)
    s = emb.sin().to(dtype)
    half = s.size(-1) // 2
    return c, torch.cat([-s.narrow(-1, 0, half), s.narrow(-1, half, half)], -1)

# Qwen3VLTextAttention's projections: q/k/v (one fused matrix, no bias), q_norm and k_norm (RMSNorm over head_dim,
# per head) and the rotary embedding on queries and keys: x [L, hidden] -> queries [1, heads, L, head_dim], keys and
# values [1, kv_heads, L, head_dim].
def q3_qkv_states(self, x: Tensor, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], base: int, dims: List[int], c: Tensor, s: Tensor, eps: float) -> Tuple[Tensor, Tensor, Tensor]:
    length = x.size(0)
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    qkv = self.product(x, w, packed, base + 3, None)
    q = self.rms_norm(qkv.narrow(1, 0, n_heads * head_dim).view(length, n_heads, head_dim), w[base + 1], eps)
    k = self.rms_norm(qkv.narrow(1, n_heads * head_dim, n_kv * head_dim).view(length, n_kv, head_dim), w[base + 7], eps)
    qk = torch.cat([q, k], 1).transpose(0, 1).unsqueeze(0)
    qk = self.apply_rotary(qk, c, s)
    v = qkv.narrow(1, (n_heads + n_kv) * head_dim, n_kv * head_dim).view(1, length, n_kv, head_dim).transpose(1, 2)
    return qk.narrow(1, 0, n_heads), qk.narrow(1, n_heads, n_kv), v

# Qwen3VLTextAttention.forward: as qwen2_text.py's attention (cache writes, grouped single-query decoding, causal
# scaled_dot_product_attention for prompts) with the Qwen3 projections above.
def q3_attention(self, x: Tensor, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], base: int, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], eps: float) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = x.size(0)
    dt = x.dtype
    q, k, v = self.q3_qkv_states(x, w, packed, base, dims, c, s, eps)
    k_cache.narrow(2, past, length).copy_(k)
    v_cache.narrow(2, past, length).copy_(v)
    if length == 1:
        ct = k_cache.dtype
        grouped = q.reshape(1, n_kv, n_heads // n_kv, head_dim).to(ct)
        scores = torch.matmul(grouped, k_cache.narrow(2, 0, past + 1).transpose(2, 3)) * (head_dim ** -0.5)
        probs = torch.softmax(scores, -1, dtype=6).to(ct)
        out = torch.matmul(probs, v_cache.narrow(2, 0, past + 1)).reshape(1, n_heads * head_dim).to(dt)
        return self.product(out, w, packed, base + 4, None)
    out = self.prompt_attention(q, k_cache, v_cache, past, length, dims)
    return self.product(out.transpose(1, 2).reshape(length, n_heads * head_dim), w, packed, base + 4, None)

# Qwen3VLTextDecoderLayer.forward: pre-norm residual blocks.
def q3_decoder_layer(self, h: Tensor, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], base: int, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], eps: float) -> Tensor:
    h = h + self.q3_attention(self.rms_norm(h, w[base], eps), w, packed, base, c, s, k_cache, v_cache, past, dims, eps)
    return h + self.mlp(self.rms_norm(h, w[base + 2], eps), w, packed, base)

# Qwen3VLTextModel.forward + lm_head: embeds [L, hidden] at M-RoPE positions [3, L] through every layer, appending to
# the cache from position `past`; after layer K (K < len(deepstack)) the DeepStack features deepstack[K] rows
# [deepstack_first, ...) are added to the rows `deepstack_rows` (_deepstack_process; the visual positions of this
# call, in order; `deepstack` is [levels, visual tokens, hidden]). Returns the float32 logits [vocab] of the last position on the CPU.
def q3_language_model(self, embeds: Tensor, position_ids: Tensor, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, deepstack_rows: Tensor, deepstack: Tensor, deepstack_first: int) -> Tensor:
    c, s = self.q3_rotary_tables(position_ids, inv_freq, mrope_section, embeds.dtype)
    h = embeds
    rows = deepstack_rows.to(h.device)
    count = rows.size(0)
    for i in range(dims[0]):
        h = self.q3_decoder_layer(h, w, packed, self.q3_layer_base(i), c, s, caches[2 * i], caches[2 * i + 1], past, dims, eps)
        if i < deepstack.size(0) and count > 0:
            h = h.index_add(0, rows, deepstack[i].narrow(0, deepstack_first, count).to(device=h.device, dtype=h.dtype))
    last = self.rms_norm(h.narrow(0, h.size(0) - 1, 1), w[1], eps)
    if 2 not in packed and w[2].is_floating_point():
        last = last.to(w[2].dtype)
    return self.product(last, w, packed, 2, None).reshape(-1).to(6).cpu()

# One decoding step: embed one token and run it at its position (generated tokens get no DeepStack features).
def q3_decode_step(self, ids: Tensor, position_ids: Tensor, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    return self.q3_language_model(self.embed_tokens(ids, w, dtype), position_ids, w, packed, caches, past, dims, mrope_section, eps, inv_freq, torch.zeros([0], dtype=4), torch.zeros([0, 0, 0]), 0)

# Frame evidence as qwen2_text.py's attention_mass, with the Qwen3 projections: per layer the attention probabilities
# of the queries at cache positions [start, start + n) summed over heads and queries per key, [num_layers, start + n].
def q3_attention_mass(self, ids: Tensor, position_ids: Tensor, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], caches: List[Tensor], start: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    h = self.embed_tokens(ids, w, dtype)
    c, s = self.q3_rotary_tables(position_ids, inv_freq, mrope_section, h.dtype)
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = h.size(0)
    masses: List[Tensor] = []
    for i in range(dims[0]):
        base = self.q3_layer_base(i)
        q, _, _ = self.q3_qkv_states(self.rms_norm(h, w[base], eps), w, packed, base, dims, c, s, eps)
        keys = caches[2 * i].narrow(2, 0, start + length).to(h.dtype).repeat_interleave(n_heads // n_kv, 1)
        values = caches[2 * i + 1].narrow(2, 0, start + length).to(h.dtype).repeat_interleave(n_heads // n_kv, 1)
        scores = torch.matmul(q, keys.transpose(2, 3)).to(6) * (head_dim ** -0.5)
        visible = torch.ones([length, start + length], dtype=11, device=h.device).tril(start)
        probs = torch.softmax(scores.masked_fill(visible.logical_not(), float("-inf")), -1)
        out = torch.matmul(probs.to(h.dtype), values).transpose(1, 2).reshape(length, n_heads * head_dim)
        masses.append(probs.sum([0, 1, 2]))
        h = h + self.product(out, w, packed, base + 4, None)
        h = h + self.mlp(self.rms_norm(h, w[base + 2], eps), w, packed, base)
    return torch.stack(masses, 0).cpu()
