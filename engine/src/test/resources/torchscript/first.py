# a comment line the archive drops
def double_it(self, x: Tensor) -> Tensor:
    return x * 2
