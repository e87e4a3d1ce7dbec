package dev.framewise.engine.store.device;

import java.util.Locale;

/**
 * How fast this machine decodes, as the sum of two costs per token: reading every byte a step reads (the language
 * model's matrices and the KV cache) at the memory bandwidth, and a fixed cost per step that no byte explains
 * (calling into libtorch, dispatching each layer's operations, sampling), {@code stepSeconds} plus
 * {@code layerSeconds} per decoder layer. A large model is bound by the first, a tiny one by the second:
 * {@code tokens/s = 1 / (bytes / bandwidth + stepSeconds + layers · layerSeconds)}.
 *
 * @param basis how the figures were obtained, for the user ("measured bandwidth 14.2 GB/s on 2026-12-05, …");
 *              empty when they were given
 */
public record DecodeSpeed(double bandwidthBytesPerSecond, double stepSeconds, double layerSeconds, String basis) {

    public DecodeSpeed {
        if (!(bandwidthBytesPerSecond > 0) || Double.isInfinite(bandwidthBytesPerSecond)) {
            throw new IllegalArgumentException("the memory bandwidth must be a positive number of bytes per second");
        }
        if (!(stepSeconds >= 0) || !(layerSeconds >= 0) || Double.isInfinite(stepSeconds + layerSeconds)) {
            throw new IllegalArgumentException("the overhead per step must be zero or more seconds");
        }
        basis = basis == null ? "" : basis;
    }

    /** Bandwidth alone, no overhead: the bound {@code framewise bench decode} compares with. */
    public static DecodeSpeed bandwidthOnly(double bandwidthBytesPerSecond) {
        return new DecodeSpeed(bandwidthBytesPerSecond, 0, 0, "");
    }

    /** The fixed cost of one step of a model with {@code layers} decoder layers. */
    public double overheadSeconds(int layers) {
        return stepSeconds + layerSeconds * layers;
    }

    /** Seconds one decoded token takes when a step reads {@code bytesPerToken}. */
    public double secondsPerToken(long bytesPerToken, int layers) {
        return bytesPerToken / bandwidthBytesPerSecond + overheadSeconds(layers);
    }

    public double tokensPerSecond(long bytesPerToken, int layers) {
        return 1 / secondsPerToken(bytesPerToken, layers);
    }

    /** "14 GB/s memory bandwidth + 4.1 ms per step", as the verdict quotes it. */
    public String terms(int layers) {
        String bandwidth = String.format(Locale.ROOT, "%.0f GB/s memory bandwidth", bandwidthBytesPerSecond / 1e9);
        double overhead = overheadSeconds(layers);
        return overhead > 0 ? bandwidth + String.format(Locale.ROOT, " + %.1f ms per step", overhead * 1e3) : bandwidth;
    }
}
