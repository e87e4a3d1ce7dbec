package dev.framewise.sessions.record;

import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;

import java.nio.file.Path;

/**
 * One {@code framewise ask} run to record. {@code result} is null when the run failed, and {@code error} then says
 * why; {@code modelFolder} is null for a remote model; {@code estimate} is the cost preview's, null when none was made.
 */
public record AskRun(Path sessionFile, GenerationRequest request, GenerationResult result, String error, String backend,
                     String modelName, Path modelFolder, String remoteUrl, boolean reasoningFormat, String question,
                     CostEstimate estimate) {

    /** A run asked without a cost estimate. */
    public AskRun(Path sessionFile, GenerationRequest request, GenerationResult result, String error, String backend,
                  String modelName, Path modelFolder, String remoteUrl, boolean reasoningFormat, String question) {
        this(sessionFile, request, result, error, backend, modelName, modelFolder, remoteUrl, reasoningFormat, question,
                null);
    }

    /** This run with the estimate made before it (null: none), recorded beside its actual timings. */
    public AskRun withEstimate(CostEstimate costEstimate) {
        return new AskRun(sessionFile, request, result, error, backend, modelName, modelFolder, remoteUrl,
                reasoningFormat, question, costEstimate);
    }
}
