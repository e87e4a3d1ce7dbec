# Memory-bandwidth probe for `framewise bench decode`, shared by every family's program: a float32 buffer (at most 1 GiB) and a torch.sum over it
# (reads every byte once, arithmetic negligible).
def bandwidth_buffer(self, numel: int, device: str) -> Tensor:
    return torch.ones([numel], dtype=6, device=torch.device(device))

def read_all(self, buffer: Tensor) -> float:
    return float(torch.sum(buffer).item())
