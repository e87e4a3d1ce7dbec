# The Qwen3-VL vision tower as TorchScript: one function per upstream module of
# transformers/models/qwen3_vl/modeling_qwen3_vl.py (Qwen3VLVisionModel and its parts), prefixed q3_.
#
# The tower's weights are the named tuples below (Q3VisionWeights, one Q3VisionBlock per block, a Dense per
# nn.Linear, torch/common.py), built once by q3_vision_weights from the checkpoint tensors by name
# (Qwen3VisionTower.tensorShapes lists them).
# Weights may be bfloat16 while the activations are float32 (CPU): `linear` casts them where they are used.
# `vdims` is [depth, num_heads, head_dim, spatial_merge_unit].

# nn.LayerNorm's weight and bias.
class Q3LayerNorm(NamedTuple):
    weight: Tensor
    bias: Tensor

# Qwen3VLVisionBlock's weights: two LayerNorms, the attention's qkv and proj, the MLP's linear_fc1 and linear_fc2.
class Q3VisionBlock(NamedTuple):
    norm1: Q3LayerNorm
    norm2: Q3LayerNorm
    qkv: Dense
    proj: Dense
    fc1: Dense
    fc2: Dense

# Qwen3VLVisionPatchMerger's weights (the final merger and each DeepStack merger).
class Q3Merger(NamedTuple):
    norm: Q3LayerNorm
    fc1: Dense
    fc2: Dense

# Qwen3VLVisionModel's weights: the patch embedding's Conv3d (kernel [hidden, 3, 2, 16, 16] and bias), the position
# embedding table [n * n, hidden], the blocks, the final merger and the DeepStack mergers.
class Q3VisionWeights(NamedTuple):
    patch_embed: Dense
    pos_embed: Tensor
    blocks: List[Q3VisionBlock]
    merger: Q3Merger
    deepstack_mergers: List[Q3Merger]

# The checkpoint's tensors (names relative to visual.) -> Q3VisionWeights; the tensors are used as they are.
def q3_vision_weights(self, names: List[str], tensors: List[Tensor]) -> Q3VisionWeights:
    c = self.named(names, tensors)
    blocks: List[Q3VisionBlock] = []
    while "blocks." + str(len(blocks)) + ".norm1.weight" in c:
        p = "blocks." + str(len(blocks)) + "."
        blocks.append(Q3VisionBlock(
            norm1=self.q3_norm(c, p + "norm1"),
            norm2=self.q3_norm(c, p + "norm2"),
            qkv=self.dense(c, p + "attn.qkv"),
            proj=self.dense(c, p + "attn.proj"),
            fc1=self.dense(c, p + "mlp.linear_fc1"),
            fc2=self.dense(c, p + "mlp.linear_fc2")))
    deepstack: List[Q3Merger] = []
    while "deepstack_merger_list." + str(len(deepstack)) + ".norm.weight" in c:
        deepstack.append(self.q3_merger_weights(c, "deepstack_merger_list." + str(len(deepstack)) + "."))
    return Q3VisionWeights(patch_embed=self.dense(c, "patch_embed.proj"), pos_embed=c["pos_embed.weight"],
                           blocks=blocks, merger=self.q3_merger_weights(c, "merger."), deepstack_mergers=deepstack)

def q3_norm(self, c: Dict[str, Tensor], name: str) -> Q3LayerNorm:
    return Q3LayerNorm(c[name + ".weight"], c[name + ".bias"])

def q3_merger_weights(self, c: Dict[str, Tensor], prefix: str) -> Q3Merger:
    return Q3Merger(self.q3_norm(c, prefix + "norm"), self.dense(c, prefix + "linear_fc1"), self.dense(c, prefix + "linear_fc2"))

# Qwen3VLVisionPatchEmbed: the Conv3d (with bias) whose kernel equals its stride, as a product with the flattened
# kernel (each row of pixel_values is one kernel window: channel, frame, row, column).
def q3_vision_patch_embed(self, pixel_values: Tensor, w: Q3VisionWeights, dtype: int) -> Tensor:
    kernel = w.patch_embed.weight
    x = pixel_values.to(kernel.device, dtype)
    return self.linear(x, kernel.reshape([kernel.size(0), -1]), w.patch_embed.bias)

# fast_pos_embed_interpolate, its arithmetic: the four corner rows of pos_embed (indices [4, patches], patch order)
# weighted by the bilinear weights [4, patches] (float32, computed by Qwen3PositionGrid as upstream does) and summed
# in upstream's order.
def q3_vision_pos_embed(self, w: Q3VisionWeights, indices: Tensor, weights: Tensor, dtype: int) -> Tensor:
    table = w.pos_embed.to(dtype)
    rows = torch.embedding(table, indices.to(table.device)) * weights.to(table.device, dtype).unsqueeze(-1)
    return rows[0] + rows[1] + rows[2] + rows[3]

# Qwen3VLVisionRotaryEmbedding + rot_pos_emb + the forward's cos/sin: angles of each patch's row then of its column
# (theta 10000 over head_dim / 2 rotary dims), cos and sin of cat(freqs, freqs), float32. rows_cols [patches, 2].
def q3_vision_rotary(self, rows_cols: Tensor, head_dim: int, device: str) -> Tuple[Tensor, Tensor]:
    inv_freq = self.rotary_inv_freq(head_dim // 2, 10000.0, "cpu")
    freqs = (rows_cols.to(FLOAT32).unsqueeze(-1) * inv_freq).flatten(1)
    emb = torch.cat([freqs, freqs], -1).to(torch.device(device))
    return emb.cos(), emb.sin()

# apply_rotary_pos_emb_vision: q and k [seq, heads, head_dim] rotated in float32, then cast back.
def q3_vision_apply_rotary(self, x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:
    xf = x.to(FLOAT32)
    return (xf * cos.unsqueeze(-2) + self.rotate_half(xf) * sin.unsqueeze(-2)).to(x.dtype)

# Qwen3VLVisionAttention: fused qkv with bias, 2-D rotary, non-causal attention within each segment
# [cu_seqlens[i], cu_seqlens[i + 1]) (one image or one temporal patch of a video), output projection with bias.
def q3_vision_attention(self, x: Tensor, block: Q3VisionBlock, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    seq = x.size(0)
    qkv = self.linear(x, block.qkv.weight, block.qkv.bias).reshape([seq, 3, num_heads, -1]).permute([1, 0, 2, 3])
    q = self.q3_vision_apply_rotary(qkv[0], cos, sin).transpose(0, 1)
    k = self.q3_vision_apply_rotary(qkv[1], cos, sin).transpose(0, 1)
    v = qkv[2].transpose(0, 1)
    out = self.segment_attention(q, k, v, cu_seqlens).transpose(0, 1).reshape([seq, -1])
    return self.linear(out, block.proj.weight, block.proj.bias)

# nn.LayerNorm(eps=1e-6) with the weights in x's dtype.
def q3_layer_norm(self, x: Tensor, norm: Q3LayerNorm) -> Tensor:
    return torch.layer_norm(x, [x.size(-1)], norm.weight.to(x.dtype), norm.bias.to(x.dtype), 1e-6)

# Qwen3VLVisionBlock: pre-norm residual attention, then Qwen3VLVisionMLP (fc1, GELU tanh approximation, fc2).
def q3_vision_block(self, x: Tensor, block: Q3VisionBlock, cos: Tensor, sin: Tensor, cu_seqlens: List[int], num_heads: int) -> Tensor:
    x = x + self.q3_vision_attention(self.q3_layer_norm(x, block.norm1), block, cos, sin, cu_seqlens, num_heads)
    h = self.linear(self.q3_layer_norm(x, block.norm2), block.fc1.weight, block.fc1.bias)
    return x + self.linear(self.q3_gelu_tanh_(h), block.fc2.weight, block.fc2.bias)

# GELU with the tanh approximation (gelu_pytorch_tanh), 0.5 x (1 + tanh(sqrt(2 / pi) x (1 + 0.044715 x^2))), written
# out (serialized TorchScript of this archive version maps torch.gelu to its old schema, which has no `approximate`
# argument) and in place: x (fc1's output, [patches, intermediate], the tower's largest activation) is overwritten
# and one temporary is allocated instead of one per operation; bench vision --profile showed these element-wise
# passes growing several times faster than the patches over a video's activations.
def q3_gelu_tanh_(self, x: Tensor) -> Tensor:
    t = x * x
    t.mul_(0.044715).add_(1.0).mul_(x).mul_(0.7978845608028654).tanh_().add_(1.0)
    return x.mul_(0.5).mul_(t)

# Qwen3VLVisionPatchMerger: LayerNorm per patch then each merge group's rows side by side (the final
# merger), or the other way round (post-shuffle norm: the DeepStack mergers); Linear, exact GELU, Linear.
def q3_vision_merger(self, x: Tensor, merger: Q3Merger, merge_unit: int, postshuffle: bool) -> Tensor:
    width = x.size(1) * merge_unit
    if postshuffle:
        h = self.q3_layer_norm(x.reshape([-1, width]), merger.norm)
    else:
        h = self.q3_layer_norm(x, merger.norm).reshape([-1, width])
    h = torch.gelu(self.linear(h, merger.fc1.weight, merger.fc1.bias))
    return self.linear(h, merger.fc2.weight, merger.fc2.bias)

# Qwen3VLVisionModel.forward: patch embedding plus the interpolated position embedding, the blocks (full attention
# within each cu_seqlens segment), the DeepStack merger k after block deepstack_blocks[k], the final merger.
# Returns [merged embeddings [tokens, out_hidden], DeepStack feature 0, 1, ...], each [tokens, out_hidden].
def q3_vision_tower(self, pixel_values: Tensor, w: Q3VisionWeights, pos_indices: Tensor, pos_weights: Tensor, rows_cols: Tensor, cu_seqlens: List[int], deepstack_blocks: List[int], vdims: List[int], dtype: int, device: str) -> List[Tensor]:
    x = self.q3_vision_patch_embed(pixel_values, w, dtype)
    x = x + self.q3_vision_pos_embed(w, pos_indices, pos_weights, dtype)
    cos, sin = self.q3_vision_rotary(rows_cols, vdims[2], device)
    depth = vdims[0]
    merge_unit = vdims[3]
    features: List[Tensor] = []
    for i in range(depth):
        x = self.q3_vision_block(x, w.blocks[i], cos, sin, cu_seqlens, vdims[1])
        for k in range(len(deepstack_blocks)):
            if deepstack_blocks[k] == i:
                features.append(self.q3_vision_merger(x, w.deepstack_mergers[k], merge_unit, True))
    return [self.q3_vision_merger(x, w.merger, merge_unit, False)] + features

# The first stages alone, float32 on the host (tests compare them with upstream's): [pos_embed, patch_embed + pos_embed].
def q3_vision_embeddings(self, pixel_values: Tensor, w: Q3VisionWeights, pos_indices: Tensor, pos_weights: Tensor, dtype: int) -> List[Tensor]:
    pos = self.q3_vision_pos_embed(w, pos_indices, pos_weights, dtype)
    x = self.q3_vision_patch_embed(pixel_values, w, dtype) + pos
    return [pos.to(FLOAT32).cpu(), x.to(FLOAT32).cpu()]

# A float32 copy on the host of any tensor (to read results from Java; DJL cannot hold bfloat16).
def q3_host_float32(self, x: Tensor) -> Tensor:
    return x.to(FLOAT32).cpu()

# A copy with its own storage on the host's side of a handle (a tensor Java created, whose memory Java frees).
def q3_owned_copy(self, x: Tensor) -> Tensor:
    return x.clone()
