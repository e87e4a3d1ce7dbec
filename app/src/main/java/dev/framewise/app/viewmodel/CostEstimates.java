package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.Timings;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * What a question will cost with a model folder, worked out without running it (the engine's cost estimator in
 * the product, a fixed table in tests). Injected like {@link BackendFactory}; every call is slow and made off the FX
 * thread.
 */
@FunctionalInterface
public interface CostEstimates {
    /** No estimates (a server, or a workbench built without them). */
    CostEstimates NONE = folder -> null;

    /** The estimator of a model folder, or null where it has none. */
    Estimator open(Path modelFolder);

    /** Estimates for one model folder; holds its tokenizer until closed. */
    interface Estimator extends AutoCloseable {
        /** The cost of a request (throws with a message for the user when its media cannot be planned). */
        CostEstimate estimate(GenerationRequest request);

        /**
         * The cost of a request on a loaded model whose caches hold {@code cached}: only the work that will run
         * (cached media cost no decode or vision tower, a cached prompt prefix no prefill).
         */
        default CostEstimate estimate(GenerationRequest request, CachedWork cached) {
            return estimate(request);
        }

        /**
         * Prefers the loaded model's own prefill kernel rate ({@code productFlopsPerSecond}, FLOP/s; empty where it
         * has none now) to the first-use calibration's random matrix, until a run refines the rates.
         */
        default void preferLoadedKernel(Supplier<OptionalDouble> productFlopsPerSecond) {
        }

        /** Refines the calibration with what a run of {@code request} measured. */
        void refine(GenerationRequest request, Timings actual);

        @Override
        void close();
    }
}
