package dev.framewise.engine.estimate;

import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With a model loaded, the first-use prefill rate comes from the model's own product kernel rather than the
 * micro-benchmark's random matrix, until a run refines it.
 */
class LoadedKernelEstimateTest {

    @Test
    void aLoadedModelsOwnKernelReplacesTheProbeUntilARunRefinesTheRates(@TempDir Path dir) {
        Calibration calibration = new Calibration(dir);
        double loaded = 3e9;
        try (CostEstimator estimator = CostEstimator.open(TinyModel.dir(), Precision.BF16, "cpu", 0, calibration)) {
            assertThat(estimator.rates().runs()).isZero();
            Rates probed = estimator.rates();
            estimator.preferLoadedKernel(OptionalDouble::empty); // no model loaded yet: asked again later
            assertThat(estimator.rates()).isEqualTo(probed);
            AtomicInteger asked = new AtomicInteger();
            estimator.preferLoadedKernel(() -> {
                asked.incrementAndGet();
                return OptionalDouble.of(loaded);
            });
            // bf16: attention and the rest are scaled by the same kernel, so the rate follows from the figure alone
            // (the linear part; attention keeps the rates the calibration measured)
            TextConfig text = ModelFamilies.readConfig(TinyModel.dir()).text();
            double expected = new PrefillTime(text, 128, PrefillProfile.linearSecondsPerToken(text, loaded, loaded),
                    estimator.rates().prefillAttention()).referenceTokensPerSecond();
            assertThat(estimator.rates().prefillLinearSecondsPerToken())
                    .isEqualTo(PrefillProfile.linearSecondsPerToken(text, loaded, loaded));
            assertThat(estimator.rates().prefillTokensPerSecond()).isCloseTo(expected, within(expected * 1e-12));
            assertThat(calibration.read(estimator.key()).prefillTokensPerSecond())
                    .isCloseTo(expected, within(expected * 1e-12));
            estimator.preferLoadedKernel(() -> OptionalDouble.of(loaded * 10)); // once per estimator
            assertThat(estimator.rates().prefillTokensPerSecond()).isCloseTo(expected, within(expected * 1e-12));
            assertThat(asked).hasValue(1);

            Rates refined = calibration.refine(estimator.key(), estimator.rates(), new Rates.Measured(0, 0, 500, 0, -1));
            assertThat(refined.runs()).isEqualTo(1);
        }
        try (CostEstimator again = CostEstimator.open(TinyModel.dir(), Precision.BF16, "cpu", 0, calibration)) {
            AtomicInteger asked = new AtomicInteger();
            again.preferLoadedKernel(() -> {
                asked.incrementAndGet();
                return OptionalDouble.of(loaded);
            });
            assertThat(asked).as("a refined calibration needs no kernel measured").hasValue(0);
            assertThat(again.rates().prefillTokensPerSecond()).isCloseTo(500, within(1e-9));
        }
    }

    @Test
    void anEmbeddedBackendMeasuresItsOwnKernelOnce() {
        try (EmbeddedBackend backend = EmbeddedBackend.open(TinyModel.dir(),
                new EmbeddedOptions(Precision.BF16, "cpu", false, 0, 0))) {
            OptionalDouble first = backend.prefillKernelFlopsPerSecond();
            assertThat(first).isPresent();
            assertThat(first.getAsDouble()).isPositive().isFinite();
            assertThat(backend.prefillKernelFlopsPerSecond()).isEqualTo(first); // kept, not measured again
        }
    }
}
