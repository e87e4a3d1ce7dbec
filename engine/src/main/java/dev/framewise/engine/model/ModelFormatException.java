package dev.framewise.engine.model;

import dev.framewise.engine.api.EngineException;

/** A model folder whose files are missing, malformed or disagree with each other; the message names the file. */
public class ModelFormatException extends EngineException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String userMessage) {
        super(userMessage);
    }

    public ModelFormatException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
