package dev.framewise.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;

import java.nio.file.Path;

/**
 * One row of a batch: what to ask, the key that says whether it was already done, and how to run it.
 * {@link BatchRunner} runs jobs grouped by {@link #media()} so an embedded model's vision cache serves every
 * question on a clip.
 */
public interface BatchJob {

    /** Identifies the row's work (media content, prompt, parameters, model): equal keys are the same run. */
    String key();

    /** The media file the row asks about, for ordering and for the line. */
    Path media();

    /** The request of the row's first attempt (a failure is recorded with it). */
    GenerationRequest request();

    /** The row's inputs, written on its line whatever the outcome (media, question, parameters, ...). */
    ObjectNode describe();

    /**
     * Runs the row. Failures are exceptions with a message for the user (a corrupt file, a server error); a run
     * cut short by {@code cancel} returns a result whose finish reason is CANCELLED.
     */
    Outcome run(InferenceBackend backend, CancellationToken cancel);

    /**
     * What one run gave: the request and result of its last attempt, the fields its line adds, and the cost
     * estimate made before it (null for none).
     */
    record Outcome(GenerationRequest request, GenerationResult result, ObjectNode fields, CostEstimate estimate) {
        public Outcome(GenerationRequest request, GenerationResult result, ObjectNode fields) {
            this(request, result, fields, null);
        }
    }
}
