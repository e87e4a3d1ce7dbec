package dev.framewise.engine.model;

/**
 * Where one request's media time went: decoding, resizing and preprocessing pixels ({@code decodeMs}), and the
 * vision tower ({@code encodeMs}); both stay 0 for media found in the vision-embedding cache. Mutable, filled by
 * the encoders of one request on one thread.
 */
public final class MediaTimes {
    private double decodeMs;
    private double encodeMs;

    public void addDecode(long fromNanos, long toNanos) {
        decodeMs += (toNanos - fromNanos) / 1e6;
    }

    public void addEncode(long fromNanos, long toNanos) {
        encodeMs += (toNanos - fromNanos) / 1e6;
    }

    public double decodeMs() {
        return decodeMs;
    }

    public double encodeMs() {
        return encodeMs;
    }
}
