package dev.framewise.engine.store.discovery;

import dev.framewise.engine.api.EngineException;

/** A model reference that names nothing usable on this machine; the message says how to get it. */
public final class ModelNotFoundException extends EngineException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String userMessage) {
        super(userMessage);
    }
}
