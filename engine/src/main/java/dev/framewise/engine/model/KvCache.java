package dev.framewise.engine.model;

import dev.framewise.engine.torch.TorchValue;

/**
 * Keys and values of every decoder layer for one sequence, preallocated for {@code capacity} positions
 * (per layer: keys and values, each {@code [1, num_kv_heads, capacity, head_dim]}, float32 on the CPU and in the
 * decode precision elsewhere).
 * {@code length} positions are filled; the language model appends to it in place.
 */
public final class KvCache implements AutoCloseable {
    final TorchValue tensors;
    private final int capacity;
    private final long bytesPerPosition;
    private int length;

    KvCache(TorchValue tensors, int capacity, long bytesPerPosition) {
        this.tensors = tensors;
        this.capacity = capacity;
        this.bytesPerPosition = bytesPerPosition;
    }

    /** Memory the cache holds on its device (all {@code capacity} positions, filled or not). */
    public long bytes() {
        return capacity * bytesPerPosition;
    }

    public int capacity() {
        return capacity;
    }

    /** Positions filled so far (the next token's {@code cache_position}). */
    public int length() {
        return length;
    }

    void append(int count) {
        if (length + count > capacity) {
            throw new IllegalStateException("KV cache of " + capacity + " positions cannot take " + count
                    + " more after " + length);
        }
        length += count;
    }

    /** Forgets positions from {@code newLength} on (a prompt-prefix cache keeps its shared prefix). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) throw new IllegalArgumentException("cannot truncate to " + newLength);
        length = newLength;
    }

    @Override
    public void close() {
        tensors.close();
    }
}
