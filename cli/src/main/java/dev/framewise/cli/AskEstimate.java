package dev.framewise.cli;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.CostEstimator;
import dev.framewise.engine.model.Precision;

import java.nio.file.Path;
import java.util.List;

/**
 * The cost estimate around one local {@code ask}: made before the run (the session records it beside the actual
 * timings) and refined by the run after. An estimate is a courtesy: when it cannot be made the question still
 * runs, without one.
 */
final class AskEstimate implements AutoCloseable {
    private final CostEstimator estimator;
    private final CostEstimator.Planned planned;

    private AskEstimate(CostEstimator estimator, CostEstimator.Planned planned) {
        this.estimator = estimator;
        this.planned = planned;
    }

    static AskEstimate before(Path folder, Precision precision, String device, int contextLimit,
                              List<ChatMessage> messages, int maxTokens) {
        CostEstimator estimator = null;
        try {
            estimator = CostEstimator.open(folder, precision, device, contextLimit, Calibration.forThisUser());
            return new AskEstimate(estimator, estimator.estimate(messages, maxTokens));
        } catch (RuntimeException e) {
            if (estimator != null) estimator.close();
            return new AskEstimate(null, null); // the run itself reports whatever is wrong with the input
        }
    }

    /** The estimate, or null when none could be made. */
    CostEstimate estimate() {
        return planned == null ? null : planned.estimate();
    }

    /** Moves the calibrated rates towards what the run measured. */
    void after(Timings actual) {
        if (planned == null || actual == null) return;
        try {
            estimator.refine(planned, actual);
        } catch (RuntimeException e) {
            // a calibration that cannot be refined is measured again next time
        }
    }

    @Override
    public void close() {
        if (estimator != null) estimator.close();
    }
}
