package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.api.FinishReason;

/** How a run ended. */
public enum RunStatus {
    @JsonProperty("complete") COMPLETE,
    @JsonProperty("cancelled") CANCELLED,
    /** The engine raised an error; the run's {@code error} holds its message. */
    @JsonProperty("failed") FAILED,
    /** The stream broke off (a remote server closed the connection, the app stopped mid-run). */
    @JsonProperty("incomplete") INCOMPLETE;

    public static RunStatus of(FinishReason reason) {
        return switch (reason) {
            case EOS, STOP_STRING, LENGTH -> COMPLETE;
            case CANCELLED -> CANCELLED;
            case INCOMPLETE -> INCOMPLETE;
        };
    }
}
