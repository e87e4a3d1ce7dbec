package dev.framewise.engine.api;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Keeps a finished {@code framewise ask} run somewhere the workbench can open it ({@code ask --session FILE}).
 * The sessions module provides the implementation through {@link ServiceLoader}; the engine cannot depend on it.
 */
public interface RunRecorder {

    /**
     * One run to record. {@code result} is null when the run failed, and {@code error} then says why;
     * {@code modelFolder} is null for a remote model.
     */
    record AskRun(Path sessionFile, GenerationRequest request, GenerationResult result, String error, String backend,
                  String modelName, Path modelFolder, String remoteUrl, boolean reasoningFormat, String question) {
    }

    void record(AskRun run);

    /**
     * Refuses, before the model is loaded, a session file this recorder could not add a run to (damaged, written
     * by a newer version, unreadable): the run would be lost after all its work. Nothing is written.
     */
    default void checkCanRecord(Path sessionFile) {
    }

    static Optional<RunRecorder> find() {
        return ServiceLoader.load(RunRecorder.class).findFirst();
    }
}
