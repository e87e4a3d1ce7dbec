package dev.framewise.app;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;

import java.nio.file.Path;

/** Loads a model folder into the embedded engine. */
final class ModelLoader {
    private ModelLoader() {
    }

    static InferenceBackend load(Path folder) {
        throw new EngineException("the embedded engine is not part of this build yet; " + folder.getFileName() + " cannot be loaded");
    }
}
