package dev.framewise.engine.batch;

import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.Timings;

/**
 * The cost estimate around each run of a batch, as {@code ask} and the workbench make one: before the run, on the
 * backend's caches as they are then (a second question about a clip finds its embeddings cached), and refined with
 * what the run measured after it. Each run's line keeps the estimate beside its timings, so a batch shows how well
 * the estimates held. Calls never overlap for one backend (a model folder runs one question at a time).
 */
public interface RunEstimator {
    /** No estimates (a server, whose speed the estimator cannot know). */
    RunEstimator NONE = new RunEstimator() {
        @Override
        public CostEstimate before(InferenceBackend backend, GenerationRequest request) {
            return null;
        }

        @Override
        public void after(GenerationRequest request, Timings actual) {
        }
    };

    /** The estimate of {@code request} on {@code backend} now, or null where none can be made (never throws). */
    CostEstimate before(InferenceBackend backend, GenerationRequest request);

    /** What the run of {@code request} measured, to refine the rates (never throws). */
    void after(GenerationRequest request, Timings actual);
}
