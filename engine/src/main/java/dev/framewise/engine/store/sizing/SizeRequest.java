package dev.framewise.engine.store.sizing;

/**
 * What to size a model for.
 *
 * @param contextTokens prompt plus answer tokens the KV cache must hold
 * @param fp32OnCpu     the CPU plan holds fp32 weights and caches (else the checkpoint's dtype)
 * @param fps           video sampling rate, or 0 for no video
 * @param seconds       video length
 * @param frameWidth    source frame size (before smart_resize)
 * @param frameHeight   source frame size
 * @param sourceFps     the video's own frame rate
 */
public record SizeRequest(int contextTokens, boolean fp32OnCpu, double fps, double seconds, int frameWidth,
                          int frameHeight, double sourceFps) {
    public SizeRequest {
        if (contextTokens < 1) throw new IllegalArgumentException("--context must be at least 1, got " + contextTokens);
        if (fps < 0 || seconds < 0) throw new IllegalArgumentException("--fps and --seconds must not be negative");
        if ((fps > 0) != (seconds > 0)) throw new IllegalArgumentException("give --fps and --seconds together");
        if (frameWidth < 1 || frameHeight < 1) throw new IllegalArgumentException("the frame size must be positive");
    }

    public boolean hasVideo() {
        return fps > 0;
    }
}
