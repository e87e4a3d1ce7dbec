package dev.framewise.cli;

import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.batch.RunEstimator;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.CostEstimator;
import dev.framewise.engine.model.Precision;

import java.nio.file.Path;

/**
 * The cost estimate of every run of a local {@code batch}, as {@link AskEstimate} makes one for {@code ask}: before
 * the run on what the loaded model has cached (a clip's second question costs no vision encode), refined after it
 * with the run's timings. An estimate is a courtesy: when none can be made the row still runs, without one.
 */
final class BatchEstimates implements RunEstimator, AutoCloseable {
    private final CostEstimator estimator;

    private BatchEstimates(CostEstimator estimator) {
        this.estimator = estimator;
    }

    /**
     * Estimates for a model folder placed as the batch places it (context lowered to {@code contextLimit}, 0: the
     * model's); {@link RunEstimator#NONE}'s behaviour if it cannot.
     */
    static BatchEstimates open(Path folder, Precision precision, String device, int contextLimit) {
        try {
            return new BatchEstimates(CostEstimator.open(folder, precision, device, contextLimit,
                    Calibration.forThisUser()));
        } catch (RuntimeException e) {
            return new BatchEstimates(null); // loading the model reports whatever is wrong with the folder
        }
    }

    @Override
    public CostEstimate before(InferenceBackend backend, GenerationRequest request) {
        if (estimator == null) return null;
        try {
            estimator.preferLoadedKernel(backend::prefillKernelFlopsPerSecond); // the loaded model's own matrix
            return estimator.estimate(request.messages(), request.params().maxTokens(), backend.cachedWork(request))
                    .estimate();
        } catch (RuntimeException e) {
            return null; // the run reports whatever is wrong with the row's media
        }
    }

    @Override
    public void after(GenerationRequest request, Timings actual) {
        if (estimator == null || actual == null) return;
        try {
            // the full plan: a stage a cache skipped measured 0 and is left out of the rates
            estimator.refine(estimator.estimate(request.messages(), request.params().maxTokens()), actual);
        } catch (RuntimeException e) {
            // a calibration that cannot be refined is measured again next time
        }
    }

    @Override
    public void close() {
        if (estimator != null) estimator.close();
    }
}
