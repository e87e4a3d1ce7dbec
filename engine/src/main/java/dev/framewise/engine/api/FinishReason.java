package dev.framewise.engine.api;

/** Why generation stopped. */
public enum FinishReason {
    /** An end-of-sequence token from the generation config. */
    EOS,
    /** A user stop string appeared. */
    STOP_STRING,
    /** The max-tokens budget was used up. */
    LENGTH,
    /** The caller cancelled. */
    CANCELLED,
    /** The stream broke off (a remote server closed the connection mid-answer). */
    INCOMPLETE
}
