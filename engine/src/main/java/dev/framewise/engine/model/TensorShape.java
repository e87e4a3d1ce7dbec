package dev.framewise.engine.model;

/** A checkpoint tensor the model needs: its canonical name and the shape the config implies. */
public record TensorShape(String name, long... shape) {
    /** Elements of the tensor: the product of its shape. */
    public long numel() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }
}
