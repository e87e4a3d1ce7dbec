# The Qwen3 language model of Qwen3-VL as TorchScript: one function per upstream module of
# transformers/models/qwen3_vl/modeling_qwen3_vl.py (Qwen3VLTextModel and its parts). Compiled into the Qwen3-VL
# program next to qwen2_text.py, whose helpers it shares (weight mapping, matrix preparation and products, KV
# cache, RMSNorm, rotary helpers); every function of its own is prefixed q3_ so that nothing collides.
#
# The weights are qwen2_text.py's TextWeights with one DecoderLayer per layer, whose q_norm and k_norm Qwen3 fills;
# its q/k/v projections have no bias.

# One decoder layer's tensors (names relative to model.layers.N.) -> the next DecoderLayer of `weights`, as
# qwen2_text.py's prepare_layer (fused qkv_proj and gate_up_proj, each from the quantised cache where Java passes it).
def q3_prepare_layer(self, weights: TextWeights, names: List[str], tensors: List[Tensor], pending: List[Tuple[Linear, Future[__torch__.torch.classes.quantized.LinearPackedParamsBase]]], pack: bool, fp16: bool, bits: int, group: int) -> None:
    c = self.named(names, tensors)
    weights.layers.append(DecoderLayer(
        input_layernorm=self.vector(c["input_layernorm.weight"], fp16),
        qkv_proj=self.linear_of(c, "self_attn.qkv_proj", ["self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight"], None, pending, pack, fp16, bits, group),
        o_proj=self.linear_of(c, "self_attn.o_proj", ["self_attn.o_proj.weight"], None, pending, pack, fp16, bits, group),
        post_attention_layernorm=self.vector(c["post_attention_layernorm.weight"], fp16),
        gate_up_proj=self.linear_of(c, "mlp.gate_up_proj", ["mlp.gate_proj.weight", "mlp.up_proj.weight"], None, pending, pack, fp16, bits, group),
        down_proj=self.linear_of(c, "mlp.down_proj", ["mlp.down_proj.weight"], None, pending, pack, fp16, bits, group),
        q_norm=self.vector(c["self_attn.q_norm.weight"], fp16),
        k_norm=self.vector(c["self_attn.k_norm.weight"], fp16)))

# Qwen3VLTextRotaryEmbedding.forward with apply_interleaved_mrope: angle = position * inv_freq in float32, frequency
# i taking the height position where i % 3 == 1 and i < 3 * mrope_section[1], the width position where i % 3 == 2
# and i < 3 * mrope_section[2], the temporal one otherwise; cos and sin of cat(angles, angles) in `dtype`. As in
# multimodal_rotary_tables, the sine's first half comes negated (rotate_half's sign) for apply_rotary's roll.
def q3_rotary_tables(self, position_ids: Tensor, inv_freq: Tensor, mrope_section: List[int], dtype: int) -> Tuple[Tensor, Tensor]:
    freqs = position_ids.to(inv_freq.device).to(FLOAT32).unsqueeze(-1) * inv_freq
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
def q3_qkv_states(self, x: Tensor, layer: DecoderLayer, dims: List[int], c: Tensor, s: Tensor, eps: float) -> Tuple[Tensor, Tensor, Tensor]:
    length = x.size(0)
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    q_norm = layer.q_norm
    k_norm = layer.k_norm
    assert q_norm is not None
    assert k_norm is not None
    qkv = self.product(x, layer.qkv_proj)
    q = self.rms_norm(qkv.narrow(1, 0, n_heads * head_dim).view(length, n_heads, head_dim), q_norm, eps)
    k = self.rms_norm(qkv.narrow(1, n_heads * head_dim, n_kv * head_dim).view(length, n_kv, head_dim), k_norm, eps)
    qk = torch.cat([q, k], 1).transpose(0, 1).unsqueeze(0)
    qk = self.apply_rotary(qk, c, s)
    v = qkv.narrow(1, (n_heads + n_kv) * head_dim, n_kv * head_dim).view(1, length, n_kv, head_dim).transpose(1, 2)
    return qk.narrow(1, 0, n_heads), qk.narrow(1, n_heads, n_kv), v

# Qwen3VLTextAttention.forward: the Qwen3 projections above, then qwen2_text.py's cached_attention (cache writes,
# grouped single-query decoding, causal scaled_dot_product_attention for prompts).
def q3_attention(self, x: Tensor, layer: DecoderLayer, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], eps: float) -> Tensor:
    q, k, v = self.q3_qkv_states(x, layer, dims, c, s, eps)
    return self.cached_attention(q, k, v, layer, k_cache, v_cache, past, dims, x.dtype)

# Qwen3VLTextDecoderLayer.forward: pre-norm residual blocks.
def q3_decoder_layer(self, h: Tensor, layer: DecoderLayer, c: Tensor, s: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, dims: List[int], eps: float, stop: Optional[Tensor]) -> Tensor:
    h = h + self.q3_attention(self.rms_norm(h, layer.input_layernorm, eps), layer, c, s, k_cache, v_cache, past, dims, eps)
    self.check_stop(stop)
    return h + self.mlp(self.rms_norm(h, layer.post_attention_layernorm, eps), layer, stop)

# Qwen3VLTextModel.forward + lm_head: embeds [L, hidden] at M-RoPE positions [3, L] through every layer, appending to
# the cache from position `past`; after layer K (K < len(deepstack)) the DeepStack features deepstack[K] rows
# [deepstack_first, ...) are added to the rows `deepstack_rows` (_deepstack_process; the visual positions of this
# call, in order; `deepstack` is [levels, visual tokens, hidden]). Returns the float32 logits [vocab] of the last position on the CPU.
# A raised `stop` flag (check_stop) ends the call before the next layer, its MLP or its down_proj.
def q3_language_model(self, embeds: Tensor, position_ids: Tensor, weights: TextWeights, caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, deepstack_rows: Tensor, deepstack: Tensor, deepstack_first: int, stop: Optional[Tensor]) -> Tensor:
    c, s = self.q3_rotary_tables(position_ids, inv_freq, mrope_section, embeds.dtype)
    h = embeds
    rows = deepstack_rows.to(h.device)
    count = rows.size(0)
    for i in range(dims[0]):
        self.check_stop(stop)
        h = self.q3_decoder_layer(h, weights.layers[i], c, s, caches[2 * i], caches[2 * i + 1], past, dims, eps, stop)
        if i < deepstack.size(0) and count > 0:
            h = h.index_add(0, rows, deepstack[i].narrow(0, deepstack_first, count).to(device=h.device, dtype=h.dtype))
    last = self.rms_norm(h.narrow(0, h.size(0) - 1, 1), weights.norm, eps)
    return self.product(self.lm_head_rows(last, weights.lm_head), weights.lm_head).reshape(-1).to(FLOAT32).cpu()

# One decoding step: embed one token and run it at its position (generated tokens get no DeepStack features).
def q3_decode_step(self, ids: Tensor, position_ids: Tensor, weights: TextWeights, caches: List[Tensor], past: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    return self.q3_language_model(self.embed_tokens(ids, weights, dtype), position_ids, weights, caches, past, dims, mrope_section, eps, inv_freq, torch.zeros([0], dtype=INT64), torch.zeros([0, 0, 0]), 0, None)

# Frame evidence as qwen2_text.py's attention_mass, with the Qwen3 projections: per layer the attention probabilities
# of the queries at cache positions [start, start + n) summed over heads and queries per key, [num_layers, start + n].
def q3_attention_mass(self, ids: Tensor, position_ids: Tensor, weights: TextWeights, caches: List[Tensor], start: int, dims: List[int], mrope_section: List[int], eps: float, inv_freq: Tensor, dtype: int) -> Tensor:
    h = self.embed_tokens(ids, weights, dtype)
    c, s = self.q3_rotary_tables(position_ids, inv_freq, mrope_section, h.dtype)
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    length = h.size(0)
    masses: List[Tensor] = []
    for i in range(dims[0]):
        layer = weights.layers[i]
        q, _, _ = self.q3_qkv_states(self.rms_norm(h, layer.input_layernorm, eps), layer, dims, c, s, eps)
        keys = caches[2 * i].narrow(2, 0, start + length).to(h.dtype).repeat_interleave(n_heads // n_kv, 1)
        values = caches[2 * i + 1].narrow(2, 0, start + length).to(h.dtype).repeat_interleave(n_heads // n_kv, 1)
        scores = torch.matmul(q, keys.transpose(2, 3)).to(FLOAT32) * (head_dim ** -0.5)
        visible = torch.ones([length, start + length], dtype=BOOL, device=h.device).tril(start)
        probs = torch.softmax(scores.masked_fill(visible.logical_not(), float("-inf")), -1)
        out = torch.matmul(probs.to(h.dtype), values).transpose(1, 2).reshape(length, n_heads * head_dim)
        masses.append(probs.sum([0, 1, 2]))
        h = h + self.product(out, layer.o_proj)
        h = h + self.mlp(self.rms_norm(h, layer.post_attention_layernorm, eps), layer, None)
    return torch.stack(masses, 0).cpu()
