package dev.framewise.engine.batch;

import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;

/** Hears each finished run of a batch, one at a time (calls never overlap), in the order runs end. */
public interface BatchListener {
    BatchListener NONE = new BatchListener() {
    };

    /** A run ended well; its line is already in the file. */
    default void onDone(BatchJob job, GenerationRequest request, GenerationResult result, BatchProgress progress) {
    }

    /** A run ended well, with what it gave (its cost estimate among it); by default {@link #onDone(BatchJob, GenerationRequest, GenerationResult, BatchProgress)}. */
    default void onDone(BatchJob job, BatchJob.Outcome outcome, BatchProgress progress) {
        onDone(job, outcome.request(), outcome.result(), progress);
    }

    /** A run failed with {@code message}; its line is already in the file. {@code request} is null if none was made. */
    default void onFailed(BatchJob job, GenerationRequest request, String message, BatchProgress progress) {
    }
}
