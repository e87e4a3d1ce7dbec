package dev.framewise.app;

import dev.framewise.app.viewmodel.CostEstimates;
import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.CostEstimator;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The workbench's cost preview on the engine's {@link CostEstimator}, for model folders placed as the workbench
 * loads them ({@link EmbeddedOptions#defaults()}), with this user's calibration (the same one {@code framewise ask}
 * refines); with a model loaded, its own prefill kernel's rate rather than the calibration's random matrix, as
 * {@code batch} and {@code bench prefill} take it.
 */
public final class EngineCostEstimates implements CostEstimates {

    @Override
    public Estimator open(Path modelFolder) {
        EmbeddedOptions placement = EmbeddedOptions.defaults();
        CostEstimator estimator = CostEstimator.open(modelFolder, placement.precision(), placement.device(),
                placement.contextLimit(), Calibration.forThisUser());
        return new Estimator() {
            @Override
            public CostEstimate estimate(GenerationRequest request) {
                return estimator.estimate(request.messages(), request.params().maxTokens()).estimate();
            }

            @Override
            public CostEstimate estimate(GenerationRequest request, CachedWork cached) {
                return estimator.estimate(request.messages(), request.params().maxTokens(), cached).estimate();
            }

            @Override
            public void preferLoadedKernel(Supplier<OptionalDouble> productFlopsPerSecond) {
                estimator.preferLoadedKernel(productFlopsPerSecond);
            }

            @Override
            public void refine(GenerationRequest request, Timings actual) {
                // the full plan: a stage the run skipped through a cache measured 0 and is left out of the rates
                estimator.refine(estimator.estimate(request.messages(), request.params().maxTokens()), actual);
            }

            @Override
            public void close() {
                estimator.close();
            }
        };
    }
}
