# Test helpers for prompt_attention (PromptAttentionTest, PromptAttentionMeasurement), compiled with qwen2_text.py.

# torch.float64's ScalarType code (common.py names the others).
PA_FLOAT64 : Final[int] = 7

# Random queries [1, heads, L, head_dim] as qkv_states makes them (a view of the fused projection, heads
# transposed), and a float32 cache [1, kv_heads, past + L + 16, head_dim] (longer than used, as a real one).
def pa_inputs(self, heads: int, kv: int, head_dim: int, past: int, length: int, seed: int) -> Tuple[Tensor, Tensor, Tensor]:
    torch.manual_seed(seed)
    qkv = torch.randn([1, length, heads + kv, head_dim])
    q = qkv.transpose(1, 2).narrow(1, 0, heads)
    k_cache = torch.randn([1, kv, past + length + 16, head_dim])
    v_cache = torch.randn([1, kv, past + length + 16, head_dim])
    return q, k_cache, v_cache

# One kind of attention `reps` times; returns the last output. Kinds: prompt (what prefill runs), repeated (key and
# value heads repeated, libtorch's scaled_dot_product_attention with a mask: what prefill ran before), grouped
# (grouped_prompt_attention, whatever its mask's size), merged (merged_prompt_attention), and the candidates not
# taken: flash-grouped (as grouped, the mask repeated instead of built per row), bmm-grouped (batched products,
# blocks of `block_bytes` of scores, 64 MiB when 0).
def pa_run(self, kind: str, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int], block_bytes: int, reps: int) -> Tensor:
    out = q
    for i in range(reps):
        if kind == "prompt":
            out = self.prompt_attention(q, k_cache, v_cache, past, length, dims)
        elif kind == "repeated":
            out = self.repeated_prompt_attention(q, k_cache, v_cache, past, length, dims)
        elif kind == "grouped":
            out = self.grouped_prompt_attention(q, k_cache, v_cache, past, length, dims)
        elif kind == "flash-grouped":
            out = self.pa_flash_grouped(q, k_cache, v_cache, past, length, dims)
        elif kind == "merged":
            out = self.merged_prompt_attention(q, k_cache, v_cache, past, length, dims)
        elif kind == "bmm-grouped":
            out = self.pa_bmm_grouped(q, k_cache, v_cache, past, length, dims, block_bytes if block_bytes > 0 else 67108864)
        else:
            assert False, "unknown prompt attention kind"
    return out

def pa_flash_grouped(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int]) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    group = n_heads // n_kv
    total = past + length
    grouped = q.reshape(1, n_kv, group * length, head_dim)
    mask = torch.ones([length, total], dtype=BOOL).tril(past)
    if group > 1:
        mask = mask.repeat(group, 1)
    out = torch.scaled_dot_product_attention(grouped, k_cache.narrow(2, 0, total), v_cache.narrow(2, 0, total), mask, 0.0, False, scale=head_dim ** -0.5)
    return out.reshape(1, n_heads, length, head_dim)

# The reference: softmax(q k^T / sqrt(head_dim) + causal mask) v with the key/value heads repeated, in float64.
def pa_reference(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int]) -> Tensor:
    group = dims[1] // dims[2]
    total = past + length
    keys = k_cache.narrow(2, 0, total).to(PA_FLOAT64).repeat_interleave(group, 1)
    values = v_cache.narrow(2, 0, total).to(PA_FLOAT64).repeat_interleave(group, 1)
    scores = torch.matmul(q.to(PA_FLOAT64), keys.transpose(2, 3)) * (dims[3] ** -0.5)
    visible = torch.ones([length, total], dtype=BOOL).tril(past)
    scores = scores.masked_fill(visible.logical_not(), float("-inf"))
    return torch.matmul(torch.softmax(scores, -1), values)

def pa_max_diff(self, a: Tensor, b: Tensor) -> float:
    return float((a.to(PA_FLOAT64) - b.to(PA_FLOAT64)).abs().max().item())

# Candidate (not taken): Grouped-query attention as batched matrix products, the key/value heads read where they lie in the cache (no
# copy): the queries of the `group` heads that share a key/value head are stacked, [kv_heads, group * L, head_dim]
# (head h uses key/value head h // group, as repeat_interleave pairs them), so that scores = queries x keys^T is one
# product per key/value head. Query i of the chunk sees keys < past + i + 1: only the last L keys need the mask,
# the same for each head of a group. The stacked rows go in blocks whose scores [kv_heads, rows, past + L] stay
# within block_bytes (at least 64 rows, so a very long cache still multiplies whole tiles): exact, no online merge.
def pa_bmm_grouped(self, q: Tensor, k_cache: Tensor, v_cache: Tensor, past: int, length: int, dims: List[int], block_bytes: int) -> Tensor:
    n_heads = dims[1]
    n_kv = dims[2]
    head_dim = dims[3]
    group = n_heads // n_kv
    total = past + length
    rows = group * length
    grouped = (q * (head_dim ** -0.5)).reshape(n_kv, rows, head_dim)
    keys_t = k_cache.select(0, 0).narrow(1, 0, total).transpose(1, 2)
    values = v_cache.select(0, 0).narrow(1, 0, total)
    future = torch.ones([length, length], dtype=BOOL, device=q.device).triu(1)
    if group > 1:
        future = future.repeat(group, 1)
    block = max(64, block_bytes // (n_kv * total * 4))
    outs: List[Tensor] = []
    start = 0
    while start < rows:
        n = min(block, rows - start)
        scores = torch.bmm(grouped.narrow(1, start, n), keys_t)
        scores.narrow(2, past, length).masked_fill_(future.narrow(0, start, n), float("-inf"))
        outs.append(torch.bmm(torch.softmax(scores, -1), values))
        start += n
    out = outs[0] if len(outs) == 1 else torch.cat(outs, 1)
    return out.view(1, n_heads, length, head_dim)
