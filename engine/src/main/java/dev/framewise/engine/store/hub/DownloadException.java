package dev.framewise.engine.store.hub;

import dev.framewise.engine.api.EngineException;

/** A model download that could not finish; {@link #reason()} says why, the message says what to do. */
public final class DownloadException extends EngineException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** 401/403: gated or private repository, no token or a refused one. */
        GATED,
        /** 404: no such repository, revision or file. */
        NOT_FOUND,
        /** The endpoint could not be reached or the connection kept dropping. */
        NETWORK,
        /** Not enough free disk space, found before starting or while writing. */
        DISK_FULL,
        /** A downloaded file's size or hash does not match what the Hub announced. */
        CORRUPT,
        /** The user cancelled. Partial files are kept for a later resume. */
        CANCELLED,
        /** Any other HTTP or file-system failure. */
        OTHER
    }

    private final Reason reason;

    public DownloadException(Reason reason, String userMessage) {
        super(userMessage);
        this.reason = reason;
    }

    public DownloadException(Reason reason, String userMessage, Throwable cause) {
        super(userMessage, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
