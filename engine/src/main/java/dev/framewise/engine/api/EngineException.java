package dev.framewise.engine.api;

/**
 * The one error type that crosses the engine's public API. Its message is written for the user
 * (what went wrong, with the file or setting named, and what to do); the cause keeps the details.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String userMessage) {
        super(userMessage);
    }

    public EngineException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
