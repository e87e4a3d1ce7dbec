# The Qwen3-VL vision tower as TorchScript: one function per upstream module of
# transformers/models/qwen3_vl/modeling_qwen3_vl.py (Qwen3VLVisionModel and its parts), prefixed q3_.
#
# Weights arrive as one flat List[Tensor] `w` laid out by Qwen3VisionTower.tensorShapes:
#   w[0] patch_embed.proj.weight [hidden, 3, 2, 16, 16], w[1] patch_embed.proj.bias, w[2] pos_embed.weight [n * n, hidden],
#   w[3..8] merger: norm.weight, norm.bias, linear_fc1.weight, linear_fc1.bias, linear_fc2.weight, linear_fc2.bias,
#   then the same 6 for each DeepStack merger k from 9 + 6 * k, then 12 per block from 9 + 6 * K + 12 * i:
#   norm1.weight, norm1.bias, norm2.weight, norm2.bias, attn.qkv.weight, attn.qkv.bias, attn.proj.weight,
#   attn.proj.bias, mlp.linear_fc1.weight, mlp.linear_fc1.bias, mlp.linear_fc2.weight, mlp.linear_fc2.bias.
# Weights may be bfloat16 while the activations are float32 (CPU): `linear` casts them where they are used.
# `vdims` is [depth, num_heads, head_dim, spatial_merge_unit].

# Qwen3VLVisionPatchEmbed: the Conv3d (with bias) whose kernel equals its stride, as a product with the flattened
# kernel (each row of pixel_values is one kernel window: channel, frame, row, column).
def q3_vision_patch_embed(self, pixel_values: Tensor, w: List[Tensor], dtype: int) -> Tensor:
    x = pixel_values.to(w[0].device, dtype)
    return self.linear(x, w[0].reshape([w[0].size(0), -1]), w[1])

# fast_pos_embed_interpolate, its arithmetic: the four corner rows of pos_embed (indices [4, patches], patch order)
# weighted by the bilinear weights [4, patches] (float32, computed by Qwen3PositionGrid as upstream does) and summed
# in upstream's order.
def q3_vision_pos_embed(self, w: List[Tensor], indices: Tensor, weights: Tensor, dtype: int) -> Tensor:
    table = w[2].to(dtype)
    rows = torch.embedding(table, indices.to(table.device)) * weights.to(table.device, dtype).unsqueeze(-1)
    return rows[0] + rows[1] + rows[2] + rows[3]

# Qwen3VLVisionRotaryEmbedding + rot_pos_emb + the forward's cos/sin: angles of each patch's row then of its column
# (theta 10000 over head_dim / 2 rotary dims), cos and sin of cat(freqs, freqs), float32. rows_cols [patches, 2].
def q3_vision_rotary(self, rows_cols: Tensor, head_dim: int, device: str) -> Tuple[Tensor, Tensor]:
    inv_freq = self.rotary_inv_freq(head_dim // 2, 10000.0, "cpu")
    freqs = (rows_cols.to(6).unsqueeze(-1) * inv_freq).flatten(1)
    emb = torch.cat([freqs, freqs], -1).to(torch.device(device))
    return emb.cos(), emb.sin()

# apply_rotary_pos_emb_vision: q and k [seq, heads, head_dim] rotated in float32, then cast back.
def q3_vision_apply_rotary(self, x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:
    xf = x.to(6)
    return (xf * cos.unsqueeze(-2) + self.rotate_half(xf) * sin.unsqueeze(-2)).to(x.dtype)

# Qwen3VLVisionAttention: fused qkv with bias, 2-D rotary, non-causal attention within each segment
# [cu_seqlens[i], cu_seqlens[i + 1]) (one image or one temporal patch of a video), output projection with bias.
def q3_vision_attention(self, x: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    seq = x.size(0)
    qkv = self.linear(x, w[base + 4], w[base + 5]).reshape([seq, 3, num_heads, -1]).permute([1, 0, 2, 3])
    q = self.q3_vision_apply_rotary(qkv[0], cos, sin).transpose(0, 1)
    k = self.q3_vision_apply_rotary(qkv[1], cos, sin).transpose(0, 1)
    v = qkv[2].transpose(0, 1)
    out = self.segment_attention(q, k, v, cu_seqlens).transpose(0, 1).reshape([seq, -1])
    return self.linear(out, w[base + 6], w[base + 7])

# nn.LayerNorm(eps=1e-6) with the weights in x's dtype.
def q3_layer_norm(self, x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:
    return torch.layer_norm(x, [x.size(-1)], weight.to(x.dtype), bias.to(x.dtype), 1e-6)

# Qwen3VLVisionBlock: pre-norm residual attention, then Qwen3VLVisionMLP (fc1, GELU tanh approximation, fc2).
def q3_vision_block(self, x: Tensor, w: List[Tensor], base: int, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    x = x + self.q3_vision_attention(self.q3_layer_norm(x, w[base], w[base + 1]), w, base, cos, sin, cu_seqlens, num_heads)
    h = self.linear(self.q3_layer_norm(x, w[base + 2], w[base + 3]), w[base + 8], w[base + 9])
    return x + self.linear(self.q3_gelu_tanh(h), w[base + 10], w[base + 11])

# GELU with the tanh approximation (gelu_pytorch_tanh), written out: serialized TorchScript of this archive version
# maps torch.gelu to its old schema, which has no `approximate` argument.
def q3_gelu_tanh(self, x: Tensor) -> Tensor:
    inner = 0.7978845608028654 * (x + 0.044715 * x * x * x)
    return 0.5 * x * (1.0 + torch.tanh(inner))

# Qwen3VLVisionPatchMerger at w[at..at + 5]: LayerNorm per patch then each merge group's rows side by side (the final
# merger), or the other way round (post-shuffle norm: the DeepStack mergers); Linear, exact GELU, Linear.
def q3_vision_merger(self, x: Tensor, w: List[Tensor], at: int, merge_unit: int, postshuffle: bool) -> Tensor:
    width = x.size(1) * merge_unit
    if postshuffle:
        h = self.q3_layer_norm(x.reshape([-1, width]), w[at], w[at + 1])
    else:
        h = self.q3_layer_norm(x, w[at], w[at + 1]).reshape([-1, width])
    h = torch.gelu(self.linear(h, w[at + 2], w[at + 3]))
    return self.linear(h, w[at + 4], w[at + 5])

# Qwen3VLVisionModel.forward: patch embedding plus the interpolated position embedding, the blocks (full attention
# within each cu_seqlens segment), the DeepStack merger k after block deepstack_blocks[k], the final merger.
# Returns [merged embeddings [tokens, out_hidden], DeepStack feature 0, 1, ...], each [tokens, out_hidden].
def q3_vision_tower(self, pixel_values: Tensor, w: List[Tensor], pos_indices: Tensor, pos_weights: Tensor, rows_cols: Tensor, cu_seqlens: List[int], deepstack_blocks: List[int], vdims: List[int], dtype: int, device: str) -> List[Tensor]:
    x = self.q3_vision_patch_embed(pixel_values, w, dtype)
    x = x + self.q3_vision_pos_embed(w, pos_indices, pos_weights, dtype)
    cos, sin = self.q3_vision_rotary(rows_cols, vdims[2], device)
    depth = vdims[0]
    merge_unit = vdims[3]
    blocks_at = 9 + 6 * len(deepstack_blocks)
    features: List[Tensor] = []
    for i in range(depth):
        x = self.q3_vision_block(x, w, blocks_at + 12 * i, cos, sin, cu_seqlens, vdims[1])
        for k in range(len(deepstack_blocks)):
            if deepstack_blocks[k] == i:
                features.append(self.q3_vision_merger(x, w, 9 + 6 * k, merge_unit, True))
    return [self.q3_vision_merger(x, w, 3, merge_unit, False)] + features

# The first stages alone, float32 on the host (tests compare them with upstream's): [pos_embed, patch_embed + pos_embed].
def q3_vision_embeddings(self, pixel_values: Tensor, w: List[Tensor], pos_indices: Tensor, pos_weights: Tensor, dtype: int) -> List[Tensor]:
    pos = self.q3_vision_pos_embed(w, pos_indices, pos_weights, dtype)
    x = self.q3_vision_patch_embed(pixel_values, w, dtype) + pos
    return [pos.to(6).cpu(), x.to(6).cpu()]

# A float32 copy on the host of any tensor (to read results from Java; DJL cannot hold bfloat16).
def q3_host_float32(self, x: Tensor) -> Tensor:
    return x.to(6).cpu()

# A copy with its own storage on the host's side of a handle (a tensor Java created, whose memory Java frees).
def q3_owned_copy(self, x: Tensor) -> Tensor:
    return x.clone()
