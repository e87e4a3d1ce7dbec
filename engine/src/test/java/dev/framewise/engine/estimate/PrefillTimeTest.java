package dev.framewise.engine.estimate;

import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The length-aware prefill model with given rates: attention summed over the prefill's chunks at each chunk's cache
 * length, and runs of any length refining the one stored reference rate consistently.
 */
class PrefillTimeTest {
    /** Qwen2.5-VL-7B's language model: 28 layers, 28 heads of 128 over 4 key/value heads. */
    private static final TextConfig SEVEN_B = SyntheticCheckpoint.preset("cosmos-reason1-7b");
    private static final double LINEAR = 0.05; // seconds per token of products and the rest
    private static final double SHORT_RATE = 6e10;
    private static final double LONG_RATE = 1.5e10;
    private static final List<AttentionRate> ATTENTION = List.of(new AttentionRate(2048, SHORT_RATE),
            new AttentionRate(16384, LONG_RATE));
    private static final PrefillTime MODEL = new PrefillTime(SEVEN_B, 128, LINEAR, ATTENTION);

    @Test
    void theSevenBillionShapeIsTheOneExpected() {
        assertThat(SEVEN_B.numLayers()).isEqualTo(28);
        assertThat(SEVEN_B.numHeads() * SEVEN_B.headDim()).isEqualTo(3584);
        assertThat(MicroBenchmark.prefillRows(Precision.BF16, ComputeDevice.CPU)).isEqualTo(128);
        assertThat(PrefillTime.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, rates(500, 0)).chunk()).isEqualTo(128);
        assertThat(PrefillTime.of(SEVEN_B, Precision.INT8, ComputeDevice.CPU, rates(500, 0)).chunk()).isEqualTo(1024);
    }

    @Test
    void attentionsRateIsInterpolatedInTheLogarithmOfTheCacheAndClampedAtTheEnds() {
        assertThat(MODEL.attentionFlopsPerSecond(2048)).isEqualTo(SHORT_RATE);
        assertThat(MODEL.attentionFlopsPerSecond(300)).isEqualTo(SHORT_RATE);
        assertThat(MODEL.attentionFlopsPerSecond(16384)).isEqualTo(LONG_RATE);
        assertThat(MODEL.attentionFlopsPerSecond(100_000)).isEqualTo(LONG_RATE);
        // 4096 is a third of the way from 2048 to 16384 in the logarithm, 8192 two thirds
        assertThat(MODEL.attentionFlopsPerSecond(4096)).isCloseTo(4.5e10, within(1.0));
        assertThat(MODEL.attentionFlopsPerSecond(8192)).isCloseTo(3e10, within(1.0));
    }

    @Test
    void aLongPromptTakesTheSumOverItsChunks() {
        double short2k = expectedSeconds(2048, 0);
        double long16k = expectedSeconds(16384, 0);
        assertThat(MODEL.modelSeconds(2048, 0)).isCloseTo(short2k, within(short2k * 1e-12));
        assertThat(MODEL.modelSeconds(16384, 0)).isCloseTo(long16k, within(long16k * 1e-12));
        // far more than 8 times the 2k prompt: attention grows with the cache and slows down over a long one
        assertThat(long16k / short2k).isGreaterThan(12);
        // scaled by the stored reference rate: the 2k prompt takes exactly 2048 / rate, the 16k one its ratio more
        double rate = 700;
        assertThat(MODEL.seconds(2048, 0, rate)).isCloseTo(2048 / rate, within(1e-9));
        assertThat(MODEL.seconds(16384, 0, rate)).isCloseTo(2048 / rate * long16k / short2k, within(1e-9));
        assertThat(MODEL.seconds(0, 500, rate)).isZero();
    }

    @Test
    void reusedTokensCostNothingButTheNewOnesAttendToThem() {
        // 512 new tokens after 4,096 cached: exactly the last four chunks of a fresh 4,608-token prompt
        double after = MODEL.modelSeconds(512, 4096);
        assertThat(after).isCloseTo(MODEL.modelSeconds(4608, 0) - MODEL.modelSeconds(4096, 0), within(1e-9));
        assertThat(after).isCloseTo(expectedSeconds(512, 4096), within(after * 1e-12));
        assertThat(after).isLessThan(MODEL.modelSeconds(4608, 0) / 4);
        assertThat(after).isGreaterThan(MODEL.modelSeconds(512, 0)); // not free of attention to the prefix
        assertThat(after - 512 * LINEAR).isGreaterThan(5 * (MODEL.modelSeconds(512, 0) - 512 * LINEAR));
    }

    @Test
    void aRunThatTookThePredictedTimeLeavesTheRateAsItWas() {
        for (int runs : new int[] {0, 1, 7}) {
            Rates rates = rates(640, runs);
            for (int[] prompt : new int[][] {{2048, 0}, {16384, 0}, {1000, 9000}, {37, 0}}) {
                double predicted = MODEL.seconds(prompt[0], prompt[1], rates.prefillTokensPerSecond());
                Rates refined = rates.refined(prefillRun(MODEL.referenceTokensPerSecond(prompt[0], prompt[1], predicted)));
                assertThat(refined.prefillTokensPerSecond()).as("%d after %d, %d runs", prompt[0], prompt[1], runs)
                        .isCloseTo(640, within(640 * 1e-12));
            }
        }
    }

    @Test
    void aLongRunTwiceAsSlowAsPredictedSlowsTheShortEstimateByItsShare() {
        Rates settled = rates(640, 10); // a run weighs RUN_WEIGHT
        double predicted16k = MODEL.seconds(16384, 0, settled.prefillTokensPerSecond());
        double before2k = MODEL.seconds(2048, 0, settled.prefillTokensPerSecond());
        Rates refined = settled.refined(prefillRun(MODEL.referenceTokensPerSecond(16384, 0, 2 * predicted16k)));
        assertThat(MODEL.seconds(2048, 0, refined.prefillTokensPerSecond()))
                .isCloseTo(before2k * Math.pow(2, Rates.RUN_WEIGHT), within(before2k * 1e-9));
        assertThat(MODEL.seconds(16384, 0, refined.prefillTokensPerSecond()))
                .isCloseTo(predicted16k * Math.pow(2, Rates.RUN_WEIGHT), within(predicted16k * 1e-9));
        // the first run replaces the micro-benchmark's rate outright: the 2k estimate doubles
        Rates fresh = rates(640, 0);
        Rates first = fresh.refined(prefillRun(MODEL.referenceTokensPerSecond(16384, 0,
                2 * MODEL.seconds(16384, 0, 640))));
        assertThat(MODEL.seconds(2048, 0, first.prefillTokensPerSecond())).isCloseTo(2 * 2048 / 640.0, within(1e-9));
    }

    /**
     * The model's seconds computed here query by query: every layer, every head, each query {@code q} of a chunk
     * multiplies with {@code q + 1} keys twice (scores and values), 2 FLOPs each, at the rate of its chunk's cache.
     */
    private static double expectedSeconds(int fresh, int reused) {
        double perKey = 2 * 2.0 * SEVEN_B.numHeads() * SEVEN_B.headDim() * SEVEN_B.numLayers();
        double attention = 0;
        for (int chunkStart = reused; chunkStart < reused + fresh; chunkStart += 128) {
            int chunkEnd = Math.min(chunkStart + 128, reused + fresh);
            double keys = 0;
            for (int q = chunkStart; q < chunkEnd; q++) keys += q + 1;
            double rate = chunkEnd <= 2048 ? SHORT_RATE : SHORT_RATE + (LONG_RATE - SHORT_RATE)
                    * (Math.log(chunkEnd) - Math.log(2048)) / (Math.log(16384) - Math.log(2048));
            attention += keys * perKey / rate;
        }
        return fresh * LINEAR + attention;
    }

    private static Rates rates(double referenceTokensPerSecond, int runs) {
        return new Rates(20, 1000, referenceTokensPerSecond, 50, 0.05, runs, LINEAR, ATTENTION);
    }

    private static Rates.Measured prefillRun(double referenceTokensPerSecond) {
        return new Rates.Measured(0, 0, referenceTokensPerSecond, 0, -1);
    }
}
