package dev.framewise.engine.remote;

import dev.framewise.engine.api.EngineException;

/** The server answered with an HTTP error; {@code serverMessage} is the server's own words (from its error body). */
public final class RemoteHttpException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverMessage;

    public RemoteHttpException(int status, String serverMessage, String userMessage) {
        super(userMessage);
        this.status = status;
        this.serverMessage = serverMessage;
    }

    public int status() {
        return status;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
