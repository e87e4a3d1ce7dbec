package dev.framewise.engine.generate;

/** The most likely token; ties go to the lowest id, as {@code torch.argmax}. */
public final class GreedySampler implements Sampler {
    @Override
    public int sample(float[] logits, double logSumExp) {
        return Logits.argmax(logits);
    }
}
