def double_plus_one(self, x: Tensor) -> Tensor:
    return self.double_it(x) + 1
