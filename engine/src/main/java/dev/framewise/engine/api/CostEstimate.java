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
 * @param cachedMedia         images and videos whose embeddings the loaded model has cached at the same settings:
 *                            their frames and patches are counted above but cost no media or vision seconds
 * @param reusedPromptTokens  prompt tokens the prompt-prefix cache holds (a follow-up): counted in
 *                            {@code promptTokens}, not in {@code prefillSeconds}
 */
public record CostEstimate(int frames, long visionPatches, int visionTokens, int promptTokens, long memoryBytes,
                           long weightsBytes, long kvCacheBytes, long visionActivationBytes, double mediaSeconds,
                           double visionSeconds, double prefillSeconds, double overheadSeconds,
                           double decodeTokensPerSecond, int calibratedRuns, int cachedMedia, int reusedPromptTokens) {

    /** An estimate with nothing cached. */
    public CostEstimate(int frames, long visionPatches, int visionTokens, int promptTokens, long memoryBytes,
                        long weightsBytes, long kvCacheBytes, long visionActivationBytes, double mediaSeconds,
                        double visionSeconds, double prefillSeconds, double overheadSeconds,
                        double decodeTokensPerSecond, int calibratedRuns) {
        this(frames, visionPatches, visionTokens, promptTokens, memoryBytes, weightsBytes, kvCacheBytes,
                visionActivationBytes, mediaSeconds, visionSeconds, prefillSeconds, overheadSeconds,
                decodeTokensPerSecond, calibratedRuns, 0, 0);
    }

    /** From the request to the first token, the model loaded: every stage before it. */
    public double secondsToFirstToken() {
        return mediaSeconds + visionSeconds + prefillSeconds + overheadSeconds;
    }
}
