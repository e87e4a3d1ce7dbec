package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.InferenceBackend;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/** Loads a model folder into a backend (the embedded engine in the product); slow, called off the FX thread. */
@FunctionalInterface
public interface BackendFactory {
    /** Loads the folder, reporting 0..1 to {@code progress} as it goes where it can tell (any thread). */
    InferenceBackend load(Path modelFolder, DoubleConsumer progress);
}
