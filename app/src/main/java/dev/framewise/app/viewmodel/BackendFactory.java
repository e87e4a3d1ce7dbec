package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.InferenceBackend;

import java.nio.file.Path;

/** Loads a model folder into a backend (the embedded engine in the product); slow, called off the FX thread. */
@FunctionalInterface
public interface BackendFactory {
    InferenceBackend load(Path modelFolder);
}
