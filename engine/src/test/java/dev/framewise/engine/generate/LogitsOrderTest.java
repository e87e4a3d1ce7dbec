package dev.framewise.engine.generate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler's ordering and k-th largest value against the plain definitions (a full sort), on vocabularies with
 * many ties, so that the faster primitive versions pick exactly the tokens the definitions do.
 */
class LogitsOrderTest {

    @Test
    void descendingOrderIsTheFullSortByProbabilityThenIndex() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] probs = random.doubles(1 + random.nextInt(3000)).map(p -> Math.floor(p * 40) / 40).toArray();
            double cutoff = trial % 3 == 0 ? 0 : random.nextDouble() * 0.5;
            int[] expected = IntStream.range(0, probs.length).filter(i -> probs[i] >= cutoff).boxed()
                    .sorted((a, b) -> probs[b] != probs[a] ? Double.compare(probs[b], probs[a]) : a - b)
                    .mapToInt(Integer::intValue).toArray();
            assertThat(Logits.descendingOrder(probs, cutoff)).as("trial %d", trial).containsExactly(expected);
        }
    }

    @Test
    void nothingAboveTheCutoffLeavesTheMostLikelyToken() {
        assertThat(Logits.descendingOrder(new double[] {0.2, 0.5, 0.3}, 0.9)).containsExactly(1);
    }

    @Test
    void kthLargestIsTheValueAFullSortPutsThere() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] values = random.doubles(1 + random.nextInt(500)).map(p -> Math.floor(p * 20)).toArray();
            int k = 1 + random.nextInt(values.length + 5);
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            assertThat(Logits.kthLargest(values, k)).as("trial %d, k %d", trial, k)
                    .isEqualTo(sorted[Math.max(0, sorted.length - k)]);
        }
    }
}
