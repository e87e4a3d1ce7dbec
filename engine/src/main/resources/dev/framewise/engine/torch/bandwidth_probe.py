# Memory-bandwidth probe for `framewise bench decode`, shared by every family's program: a float32 buffer (at most 1 GiB) and a torch.sum over it
# (reads every byte once, arithmetic negligible).
def bandwidth_buffer(self, numel: int, device: str) -> Tensor:
    return torch.ones([numel], dtype=FLOAT32, device=torch.device(device))

def read_all(self, buffer: Tensor) -> float:
    return float(torch.sum(buffer).item())

# Matrix-product rate probe for `framewise bench vision` and `bench prefill`: random operands [m, k] and [k, n] in
# the given dtype on the device, and one torch.mm of them (libtorch's own GEMM: MKL / oneDNN on the CPU, cuBLAS on
# CUDA); the .item() waits for the product on a GPU.
def gemm_operands(self, m: int, k: int, n: int, dtype: int, device: str) -> List[Tensor]:
    torch.manual_seed(0)
    a = torch.randn([m, k]).to(device=torch.device(device), dtype=dtype)
    b = torch.randn([k, n]).to(device=torch.device(device), dtype=dtype)
    return [a, b]

def gemm_once(self, operands: List[Tensor]) -> float:
    return float(torch.mm(operands[0], operands[1])[0, 0].item())
