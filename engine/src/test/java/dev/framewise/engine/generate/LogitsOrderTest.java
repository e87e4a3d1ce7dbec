package dev.framewise.engine.generate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler's orderings (all tokens above a cutoff; the k largest) against the plain definition, a full sort,
 * on vocabularies with many ties, so that the faster primitive versions pick exactly the tokens it does.
 */
class LogitsOrderTest {

    @Test
    void descendingOrderIsTheFullSortByLogitThenIndex() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            float[] logits = ties(random, 1 + random.nextInt(3000), 40);
            double cutoff = trial % 3 == 0 ? Double.NEGATIVE_INFINITY : random.nextDouble() * 15 - 10;
            int[] expected = IntStream.range(0, logits.length).filter(i -> logits[i] >= cutoff).boxed()
                    .sorted((a, b) -> logits[b] != logits[a] ? Float.compare(logits[b], logits[a]) : a - b)
                    .mapToInt(Integer::intValue).toArray();
            assertThat(Logits.descendingOrder(logits, cutoff)).as("trial %d", trial).containsExactly(expected);
        }
    }

    @Test
    void nothingAboveTheCutoffLeavesTheMostLikelyToken() {
        assertThat(Logits.descendingOrder(new float[] {-2, 5, 3}, 9)).containsExactly(1);
    }

    @Test
    void topIndicesAreTheFullSortsFirstK() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            float[] logits = ties(random, 1 + random.nextInt(500), 20);
            int k = 1 + random.nextInt(logits.length + 5);
            int[] expected = IntStream.range(0, logits.length).boxed()
                    .sorted((a, b) -> logits[b] != logits[a] ? Float.compare(logits[b], logits[a]) : a - b)
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(Logits.topIndices(logits, k)).as("trial %d, k %d", trial, k).containsExactly(expected);
        }
    }

    /** Logits from -10 to 10 on a grid of {@code levels} values: many ties. */
    private static float[] ties(SplittableRandom random, int n, int levels) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (Math.floor(random.nextDouble() * levels) * 20 / levels - 10);
        return out;
    }
}
