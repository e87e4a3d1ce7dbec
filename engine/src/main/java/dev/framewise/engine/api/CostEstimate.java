package dev.framewise.engine.api;

/**
 * What a question will cost on this machine, worked out before it runs (without the model's weights): the frames
 * sampled, the vision tower's patches and the vision tokens they merge into, the prompt's tokens, the peak memory
 * (weights, KV cache and working set, runtime), and the seconds of each stage before the first token from rates
 * calibrated on this machine. {@code calibratedRuns} counts the real runs that refined those rates (0: a
 * micro-benchmark only, so the times are rougher).
 *
 * @param memoryBytes         the peak: weights + runtime + the larger of the vision tower's activations and the
 *                            language model's KV cache with its prefill working set
 * @param mediaSeconds        decoding, resizing and normalising the sampled frames
 * @param visionSeconds       the vision tower
 * @param prefillSeconds      the prompt through the language model
 * @param overheadSeconds     template, tokens, embeddings and sampling the first token
 * @param decodeTokensPerSecond the expected speed once tokens stream
 */
public record CostEstimate(int frames, long visionPatches, int visionTokens, int promptTokens, long memoryBytes,
                           long weightsBytes, long kvCacheBytes, long visionActivationBytes, double mediaSeconds,
                           double visionSeconds, double prefillSeconds, double overheadSeconds,
                           double decodeTokensPerSecond, int calibratedRuns) {

    /** From the request to the first token, the model loaded: every stage before it. */
    public double secondsToFirstToken() {
        return mediaSeconds + visionSeconds + prefillSeconds + overheadSeconds;
    }
}
