# The Qwen2.5-VL vision tower as TorchScript: one function per upstream module of
# transformers/models/qwen2_5_vl/modeling_qwen2_5_vl.py (Qwen2_5_VisionTransformerPretrainedModel and its parts).
# These functions become methods of the Qwen2.5-VL family's program class (see TorchScriptArchive), next to
# qwen2_text.py and the shared torch/*.py helpers.
#
# Weights arrive as one flat List[Tensor] `w` laid out by VisionEncoder:
#   w[0] patch_embed.proj.weight [hidden, 3, 2, 14, 14], w[1] merger.ln_q, w[2] merger.mlp.0.weight,
#   w[3] merger.mlp.0.bias, w[4] merger.mlp.2.weight, w[5] merger.mlp.2.bias, then 12 per block from
#   w[6 + 12 * i]: norm1, norm2, attn.qkv.weight, attn.qkv.bias, attn.proj.weight, attn.proj.bias,
#   mlp.gate_proj.weight, mlp.gate_proj.bias, mlp.up_proj.weight, mlp.up_proj.bias, mlp.down_proj.weight,
#   mlp.down_proj.bias.
# Weights may be bfloat16 while the activations are float32 (CPU): they are cast where they are used.
# `vdims` is [depth, num_heads, head_dim, spatial_merge_unit].

# Qwen2_5_VisionPatchEmbed: the Conv3d's kernel equals its stride and each row of pixel_values is one kernel
# window (channel, frame, row, column), so the convolution is a matmul with the flattened weight.
def vision_patch_embed(self, pixel_values: Tensor, w: List[Tensor], dtype: int) -> Tensor:
    x = pixel_values.to(w[0].device, dtype)
    weight = w[0].reshape([w[0].size(0), -1]).to(dtype)
    return torch.linear(x, weight)

# The forward's reorder of merged groups (merge_unit consecutive rows) by window_index.
def vision_window_order(self, x: Tensor, window_index: Tensor, merge_unit: int) -> Tensor:
    seq = x.size(0)
    grouped = x.reshape([seq // merge_unit, merge_unit, -1])
    return grouped.index_select(0, window_index.to(x.device)).reshape([seq, -1])

# Qwen2_5_VisionRotaryEmbedding + rot_pos_emb + the forward's cos/sin: inv_freq over head_dim / 2 rotary dims
# (theta 10000), the angles of each patch's row then of its column, cos and sin of cat(freqs, freqs), float32.
# rows_cols is [patches, 2] int64 in window order.
def vision_rotary_embedding(self, rows_cols: Tensor, head_dim: int, device: str) -> Tuple[Tensor, Tensor]:
    inv_freq = self.rotary_inv_freq(head_dim // 2, 10000.0, "cpu")
    freqs = (rows_cols.to(6).unsqueeze(-1) * inv_freq).flatten(1)
    emb = torch.cat([freqs, freqs], -1).to(torch.device(device))
    return emb.cos(), emb.sin()

# Qwen2RMSNorm of the vision tower (eps fixed at 1e-6 upstream).
def vision_rms_norm(self, x: Tensor, weight: Tensor) -> Tensor:
    return self.rms_norm(x, weight, 1e-6)

# apply_rotary_pos_emb_vision: q and k [seq, heads, head_dim] rotated in float32, then cast back.
def apply_rotary_pos_emb_vision(self, q: Tensor, k: Tensor, cos: Tensor, sin: Tensor) -> Tuple[Tensor, Tensor]:
    c = cos.unsqueeze(-2)
    s = sin.unsqueeze(-2)
    qf = q.to(6)
    kf = k.to(6)
    q_embed = qf * c + self.rotate_half(qf) * s
    k_embed = kf * c + self.rotate_half(kf) * s
    return q_embed.to(q.dtype), k_embed.to(k.dtype)

# Qwen2_5_VLVisionAttention: qkv projection, 2-D rotary, non-causal attention restricted to each segment
# [cu_seqlens[i], cu_seqlens[i + 1]) (a window or a whole image / temporal slice), output projection.
def vision_attention(self, x: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    dt = x.dtype
    seq = x.size(0)
    qkv = torch.linear(x, w[base + 2].to(dt), w[base + 3].to(dt)).reshape([seq, 3, num_heads, -1]).permute([1, 0, 2, 3])
    q, k = self.apply_rotary_pos_emb_vision(qkv[0], qkv[1], cos, sin)
    q = q.transpose(0, 1)
    k = k.transpose(0, 1)
    v = qkv[2].transpose(0, 1)
    out = self.segment_attention(q, k, v, cu_seqlens).transpose(0, 1).reshape([seq, -1])
    return torch.linear(out, w[base + 4].to(dt), w[base + 5].to(dt))

# Qwen2_5_VLMLP with bias: down(silu(gate(x)) * up(x)).
def vision_mlp(self, x: Tensor, w: List[Tensor], base: int) -> Tensor:
    dt = x.dtype
    gate = torch.linear(x, w[base + 6].to(dt), w[base + 7].to(dt))
    up = torch.linear(x, w[base + 8].to(dt), w[base + 9].to(dt))
    return torch.linear(torch.silu(gate) * up, w[base + 10].to(dt), w[base + 11].to(dt))

# Qwen2_5_VLVisionBlock: pre-norm residual attention and MLP.
def vision_block(self, x: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    x = x + self.vision_attention(self.vision_rms_norm(x, w[base]), w, base, cos, sin, cu_seqlens, num_heads)
    return x + self.vision_mlp(self.vision_rms_norm(x, w[base + 1]), w, base)

# Qwen2_5_VLPatchMerger: RMSNorm, each merge group's rows side by side, Linear, exact GELU, Linear.
def vision_patch_merger(self, x: Tensor, w: List[Tensor]) -> Tensor:
    dt = x.dtype
    h = self.vision_rms_norm(x, w[1]).reshape([-1, w[2].size(1)])
    h = torch.gelu(torch.linear(h, w[2].to(dt), w[3].to(dt)))
    return torch.linear(h, w[4].to(dt), w[5].to(dt))

# Qwen2_5_VisionTransformerPretrainedModel.forward: patch embedding, window order, the blocks (full attention
# over cu_seqlens in full_blocks, window attention over cu_window_seqlens elsewhere), merger, and the
# argsort(window_index) gather back to processor order. Returns the merged embeddings [tokens, out_hidden].
def vision_tower(self, pixel_values: Tensor, w: List[Tensor], rows_cols: Tensor, window_index: Tensor, reverse_index: Tensor, cu_window_seqlens: List[int], cu_seqlens: List[int], full_blocks: List[int], vdims: List[int], dtype: int, device: str) -> Tensor:
    x = self.vision_window_order(self.vision_patch_embed(pixel_values, w, dtype), window_index, vdims[3])
    cos, sin = self.vision_rotary_embedding(self.vision_window_order(rows_cols, window_index, vdims[3]), vdims[2], device)
    for i in range(vdims[0]):
        segments = cu_window_seqlens
        if i in full_blocks:
            segments = cu_seqlens
        x = self.vision_block(x, w, 6 + 12 * i, cos, sin, segments, vdims[1])
    return self.vision_patch_merger(x, w).index_select(0, reverse_index.to(x.device))

# A float32 copy on the host of any tensor (to read results from Java; DJL cannot hold bfloat16).
def host_float32(self, x: Tensor) -> Tensor:
    return x.to(6).cpu()
