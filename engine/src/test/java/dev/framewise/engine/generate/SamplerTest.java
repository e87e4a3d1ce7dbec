package dev.framewise.engine.generate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SamplerTest {
    private static final float[] LOGITS = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15),
            (float) Math.log(0.05)};
    private static final double NORM = Logits.logSumExp(LOGITS);

    private static double[] frequencies(Sampler sampler, int draws) {
        double[] f = new double[LOGITS.length];
        for (int i = 0; i < draws; i++) f[sampler.sample(LOGITS.clone(), NORM)] += 1.0 / draws;
        return f;
    }

    @Test
    void samplesTheSoftmaxDistribution() {
        double[] f = frequencies(new TopKTopPSampler(0, 1, new SplittableRandom(1)), 20000);
        assertThat(f[0]).isCloseTo(0.5, within(0.02));
        assertThat(f[1]).isCloseTo(0.3, within(0.02));
        assertThat(f[3]).isCloseTo(0.05, within(0.01));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        double[] f = frequencies(new TopKTopPSampler(0, 0.6, new SplittableRandom(2)), 20000);
        assertThat(f[2] + f[3]).isZero();
        assertThat(f[0]).isCloseTo(0.5 / 0.8, within(0.02));
    }

    @Test
    void topKKeepsTheKLikeliest() {
        double[] f = frequencies(new TopKTopPSampler(2, 1, new SplittableRandom(3)), 20000);
        assertThat(f[2] + f[3]).isZero();
        assertThat(f[1]).isCloseTo(0.3 / 0.8, within(0.02));
        assertThat(frequencies(new TopKTopPSampler(1, 1, new SplittableRandom(3)), 100)[0]).isCloseTo(1, within(1e-9));
    }

    @Test
    void sameSeedSameDraws() {
        Sampler a = new TopKTopPSampler(0, 0.95, new SplittableRandom(9));
        Sampler b = new TopKTopPSampler(0, 0.95, new SplittableRandom(9));
        for (int i = 0; i < 200; i++) assertThat(a.sample(LOGITS.clone(), NORM)).isEqualTo(b.sample(LOGITS.clone(), NORM));
    }

    /**
     * Top-p on large vocabularies, peaked (the likeliest tokens reach p) and flat (they do not, and the sampler
     * falls back to every candidate), draws exactly what the definition draws: the whole vocabulary sorted, the
     * smallest prefix reaching p, a draw within it.
     */
    @Test
    void topPDrawsWhatTheFullSortDrawsOnPeakedAndFlatVocabularies() {
        SplittableRandom random = new SplittableRandom(5);
        for (double spread : new double[] {0.5, 4}) {
            float[] logits = new float[50_000];
            for (int i = 0; i < logits.length; i++) logits[i] = (float) (random.nextGaussian() * spread);
            double norm = Logits.logSumExp(logits);
            for (long seed = 0; seed < 20; seed++) {
                int drawn = new TopKTopPSampler(0, 0.9, new SplittableRandom(seed)).sample(logits.clone(), norm);
                assertThat(drawn).as("spread %s, seed %d", spread, seed)
                        .isEqualTo(topPByDefinition(logits, norm, 0.9, new SplittableRandom(seed)));
            }
        }
    }

    private static int topPByDefinition(float[] logits, double norm, double p, SplittableRandom rng) {
        Integer[] ids = new Integer[logits.length];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        Arrays.sort(ids, (a, b) -> logits[b] != logits[a] ? Float.compare(logits[b], logits[a]) : a - b);
        double cumulative = 0;
        int n = 0;
        while (n < ids.length) {
            cumulative += Math.exp(logits[ids[n]] - norm);
            n++;
            if (cumulative >= p) break;
        }
        double total = 0;
        for (int i = 0; i < n; i++) total += Math.exp(logits[ids[i]] - norm);
        double r = rng.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            r -= Math.exp(logits[ids[i]] - norm);
            if (r < 0) return ids[i];
        }
        return ids[n - 1];
    }

    @Test
    void greedyTakesTheFirstMaximum() {
        assertThat(new GreedySampler().sample(new float[] {1, 3, 3, 2}, Logits.logSumExp(new float[] {1, 3, 3, 2}))).isEqualTo(1);
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        float[] logits = {2, -2, 2};
        BitSet seen = new BitSet();
        seen.set(0);
        seen.set(1);
        Logits.applyRepetitionPenalty(logits, seen, 2);
        assertThat(logits).containsExactly(1, -4, 2);
    }

    @Test
    void topIndicesAreLargestFirst() {
        assertThat(Logits.topIndices(new float[] {0.1f, 5, 3, 5, -1}, 3)).containsExactly(1, 3, 2);
        assertThat(Logits.topIndices(new float[] {1, 2}, 0)).isEmpty();
    }
}
