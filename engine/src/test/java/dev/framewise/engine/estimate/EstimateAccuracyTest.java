package dev.framewise.engine.estimate;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.media.TestClips;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimate is checked against the real run on the tiny model: calibrated in this test (micro-benchmark, then
 * refined by three runs after three warm-up runs), the estimated time to the first token is within a factor of 2 of the
 * measured one (the median of five runs, the caches off so that every run does all the work), in one of at most
 * three attempts.
 */
@Timeout(300)
class EstimateAccuracyTest {
    private static final int MAX_TOKENS = 4;

    @Test
    void theEstimateIsWithinAFactorOfTwoOfTheRun(@TempDir Path dir) throws Exception {
        Path clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, 16, 8));
        List<ChatMessage> messages = List.of(ChatMessage.user(List.of(ContentPart.Video.of(clip),
                new ContentPart.Text("Which bar lights up first?"))));
        GenerationRequest request = new GenerationRequest(messages, GenerationParams.greedy(MAX_TOKENS));
        Calibration calibration = new Calibration(dir.resolve("calibration"));
        EmbeddedOptions noCaches = new EmbeddedOptions(Precision.FP32, "cpu", false, 0, 0);
        try (CostEstimator estimator = CostEstimator.open(TinyModel.dir(), Precision.FP32, "cpu", 0, calibration);
             EmbeddedBackend backend = EmbeddedBackend.open(TinyModel.dir(), noCaches)) {
            CostEstimator.Planned benchOnly = estimator.estimate(messages, MAX_TOKENS);
            assertThat(benchOnly.estimate().calibratedRuns()).isZero();
            assertThat(benchOnly.estimate().secondsToFirstToken()).isPositive().isFinite();
            assertThat(benchOnly.estimate().frames()).isEqualTo(4); // 2 s at 2 fps
            // libtorch's profiling executor runs a program's first calls unoptimised and specialises it after a few
            // (tiny-model runs take a tenth of a second, so those first calls would weigh more than the work): warm up
            for (int i = 0; i < 3; i++) {
                run(backend, request);
            }
            // This machine's speed can change between the calibrating runs and the measured ones (other processes):
            // each attempt refines with three runs and then measures; one attempt within a factor of two passes.
            double ratio = 0;
            int attempts = 0;
            String seen = "";
            while (attempts < 3 && !(ratio >= 0.5 && ratio <= 2.0)) {
                attempts++;
                for (int i = 0; i < 3; i++) {
                    estimator.refine(benchOnly, run(backend, request));
                }
                CostEstimate estimate = estimator.estimate(messages, MAX_TOKENS).estimate();
                assertThat(estimate.calibratedRuns()).isEqualTo(3 * attempts);
                double[] measured = new double[5];
                for (int i = 0; i < measured.length; i++) {
                    Timings t = run(backend, request);
                    assertThat(t.mediaMs()).isPositive();
                    assertThat(t.visionMs()).isPositive();
                    measured[i] = t.timeToFirstTokenMs() / 1000;
                }
                Arrays.sort(measured);
                ratio = estimate.secondsToFirstToken() / measured[2];
                seen += String.format(java.util.Locale.ROOT, " estimate %.4f s against a measured %.4f s;",
                        estimate.secondsToFirstToken(), measured[2]);
                System.out.printf(java.util.Locale.ROOT, "estimate %.4f s, measured median %.4f s, ratio %.2f%n",
                        estimate.secondsToFirstToken(), measured[2], ratio);
            }
            assertThat(ratio).as("%d attempts:%s", attempts, seen).isBetween(0.5, 2.0);
            assertThat(calibration.read(estimator.key()).runs()).isEqualTo(3 * attempts);
        }
    }

    private static Timings run(EmbeddedBackend backend, GenerationRequest request) {
        return backend.generate(request, GenerationListener.NONE, new CancellationToken()).timings();
    }
}
