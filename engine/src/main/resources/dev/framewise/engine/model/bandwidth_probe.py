# Memory-bandwidth probe for `framewise bench decode`: a float32 buffer (at most 1 GiB) and a torch.sum over it
# (reads every byte once, arithmetic negligible).
def bandwidth_buffer(self, numel: int, device: str) -> Tensor:
    return torch.ones([numel], dtype=6, device=torch.device(device))

def read_all(self, buffer: Tensor) -> float:
    return float(torch.sum(buffer).item())

# The output projection's matrix-vector product alone (the largest matrix a decoding step reads, through the same
# kernel as every other): how close this machine's matrix kernels come to the torch.sum read.
def lm_head_product(self, w: List[Tensor], packed: Dict[int, __torch__.torch.classes.quantized.LinearPackedParamsBase], dtype: int) -> float:
    x = torch.ones([1, w[1].size(0)], dtype=dtype, device=w[1].device)
    if 2 not in packed:
        x = x.to(w[2].dtype)
    return float(self.product(x, w, packed, 2, None).sum().item())
