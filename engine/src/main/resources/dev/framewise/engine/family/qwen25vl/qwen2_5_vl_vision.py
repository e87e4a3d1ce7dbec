# The Qwen2.5-VL vision tower as TorchScript: one function per upstream module of
# transformers/models/qwen2_5_vl/modeling_qwen2_5_vl.py (Qwen2_5_VisionTransformerPretrainedModel and its parts).
# These functions become methods of the Qwen2.5-VL family's program class (see TorchScriptArchive), next to
# qwen2_text.py and the shared torch/*.py helpers.
#
# The tower's weights are the named tuples below (VisionWeights, one VisionBlock per block, a Dense per nn.Linear),
# built once by vision_weights from the checkpoint tensors by name (VisionEncoder.tensorShapes lists them).
# Weights may be bfloat16 while the activations are float32 (CPU): they are cast where they are used.
# `vdims` is [depth, num_heads, head_dim, spatial_merge_unit].

# Qwen2_5_VLVisionBlock's weights: the RMSNorms' and each nn.Linear's (all with bias).
class VisionBlock(NamedTuple):
    norm1: Tensor
    norm2: Tensor
    qkv: Dense
    proj: Dense
    gate_proj: Dense
    up_proj: Dense
    down_proj: Dense

# Qwen2_5_VisionTransformerPretrainedModel's weights: the patch embedding's Conv3d kernel [hidden, 3, 2, 14, 14], the
# blocks, and the patch merger (ln_q, then mlp.0 and mlp.2).
class VisionWeights(NamedTuple):
    patch_embed: Tensor
    blocks: List[VisionBlock]
    merger_norm: Tensor
    merger_fc1: Dense
    merger_fc2: Dense

# The checkpoint's tensors (names relative to visual.) -> VisionWeights; the tensors are used as they are.
def vision_weights(self, names: List[str], tensors: List[Tensor]) -> VisionWeights:
    c = self.named(names, tensors)
    blocks: List[VisionBlock] = []
    while "blocks." + str(len(blocks)) + ".norm1.weight" in c:
        p = "blocks." + str(len(blocks)) + "."
        blocks.append(VisionBlock(
            norm1=c[p + "norm1.weight"],
            norm2=c[p + "norm2.weight"],
            qkv=self.dense(c, p + "attn.qkv"),
            proj=self.dense(c, p + "attn.proj"),
            gate_proj=self.dense(c, p + "mlp.gate_proj"),
            up_proj=self.dense(c, p + "mlp.up_proj"),
            down_proj=self.dense(c, p + "mlp.down_proj")))
    return VisionWeights(patch_embed=c["patch_embed.proj.weight"], blocks=blocks, merger_norm=c["merger.ln_q.weight"],
                         merger_fc1=self.dense(c, "merger.mlp.0"), merger_fc2=self.dense(c, "merger.mlp.2"))

# Qwen2_5_VisionPatchEmbed: the Conv3d's kernel equals its stride and each row of pixel_values is one kernel
# window (channel, frame, row, column), so the convolution is a matmul with the flattened weight.
def vision_patch_embed(self, pixel_values: Tensor, w: VisionWeights, dtype: int) -> Tensor:
    kernel = w.patch_embed
    x = pixel_values.to(kernel.device, dtype)
    return torch.linear(x, kernel.reshape([kernel.size(0), -1]).to(dtype))

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
    freqs = (rows_cols.to(FLOAT32).unsqueeze(-1) * inv_freq).flatten(1)
    emb = torch.cat([freqs, freqs], -1).to(torch.device(device))
    return emb.cos(), emb.sin()

# Qwen2RMSNorm of the vision tower (eps fixed at 1e-6 upstream).
def vision_rms_norm(self, x: Tensor, weight: Tensor) -> Tensor:
    return self.rms_norm(x, weight, 1e-6)

# apply_rotary_pos_emb_vision: q and k [seq, heads, head_dim] rotated in float32, then cast back.
def apply_rotary_pos_emb_vision(self, q: Tensor, k: Tensor, cos: Tensor, sin: Tensor) -> Tuple[Tensor, Tensor]:
    c = cos.unsqueeze(-2)
    s = sin.unsqueeze(-2)
    qf = q.to(FLOAT32)
    kf = k.to(FLOAT32)
    q_embed = qf * c + self.rotate_half(qf) * s
    k_embed = kf * c + self.rotate_half(kf) * s
    return q_embed.to(q.dtype), k_embed.to(k.dtype)

# Qwen2_5_VLVisionAttention: qkv projection, 2-D rotary, non-causal attention restricted to each segment
# [cu_seqlens[i], cu_seqlens[i + 1]) (a window or a whole image / temporal slice), output projection.
def vision_attention(self, x: Tensor, block: VisionBlock, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    seq = x.size(0)
    qkv = self.dense_linear(x, block.qkv).reshape([seq, 3, num_heads, -1]).permute([1, 0, 2, 3])
    q, k = self.apply_rotary_pos_emb_vision(qkv[0], qkv[1], cos, sin)
    q = q.transpose(0, 1)
    k = k.transpose(0, 1)
    v = qkv[2].transpose(0, 1)
    out = self.segment_attention(q, k, v, cu_seqlens).transpose(0, 1).reshape([seq, -1])
    return self.dense_linear(out, block.proj)

# Qwen2_5_VLMLP with bias: down(silu(gate(x)) * up(x)).
def vision_mlp(self, x: Tensor, block: VisionBlock) -> Tensor:
    gate = self.dense_linear(x, block.gate_proj)
    up = self.dense_linear(x, block.up_proj)
    return self.dense_linear(torch.silu(gate) * up, block.down_proj)

# Qwen2_5_VLVisionBlock: pre-norm residual attention and MLP.
def vision_block(self, x: Tensor, block: VisionBlock, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    x = x + self.vision_attention(self.vision_rms_norm(x, block.norm1), block, cos, sin, cu_seqlens, num_heads)
    return x + self.vision_mlp(self.vision_rms_norm(x, block.norm2), block)

# Qwen2_5_VLPatchMerger: RMSNorm, each merge group's rows side by side, Linear, exact GELU, Linear.
def vision_patch_merger(self, x: Tensor, w: VisionWeights) -> Tensor:
    h = self.vision_rms_norm(x, w.merger_norm).reshape([-1, w.merger_fc1.weight.size(1)])
    h = torch.gelu(self.dense_linear(h, w.merger_fc1))
    return self.dense_linear(h, w.merger_fc2)

# Qwen2_5_VisionTransformerPretrainedModel.forward: patch embedding, window order, the blocks (full attention
# over cu_seqlens in full_blocks, window attention over cu_window_seqlens elsewhere), merger, and the
# argsort(window_index) gather back to processor order. Returns the merged embeddings [tokens, out_hidden].
def vision_tower(self, pixel_values: Tensor, w: VisionWeights, rows_cols: Tensor, window_index: Tensor, reverse_index: Tensor, cu_window_seqlens: List[int], cu_seqlens: List[int], full_blocks: List[int], vdims: List[int], dtype: int, device: str) -> Tensor:
    x = self.vision_window_order(self.vision_patch_embed(pixel_values, w, dtype), window_index, vdims[3])
    cos, sin = self.vision_rotary_embedding(self.vision_window_order(rows_cols, window_index, vdims[3]), vdims[2], device)
    for i in range(vdims[0]):
        segments = cu_window_seqlens
        if i in full_blocks:
            segments = cu_seqlens
        x = self.vision_block(x, w.blocks[i], cos, sin, segments, vdims[1])
    return self.vision_patch_merger(x, w).index_select(0, reverse_index.to(x.device))

# A float32 copy on the host of any tensor (to read results from Java; DJL cannot hold bfloat16).
def host_float32(self, x: Tensor) -> Tensor:
    return x.to(FLOAT32).cpu()
