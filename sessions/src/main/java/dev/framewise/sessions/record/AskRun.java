package dev.framewise.sessions.record;

import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;

import java.nio.file.Path;

/**
 * One {@code framewise ask} run to record. {@code result} is null when the run failed, and {@code error} then says
 * why; {@code modelFolder} is null for a remote model.
 */
public record AskRun(Path sessionFile, GenerationRequest request, GenerationResult result, String error, String backend,
                     String modelName, Path modelFolder, String remoteUrl, boolean reasoningFormat, String question) {
}
