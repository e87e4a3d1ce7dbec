package dev.framewise.engine.model;

/** A checkpoint tensor the model needs: its canonical name and the shape the config implies. */
record TensorShape(String name, long... shape) {
}
