package dev.framewise.sessions.store;

import dev.framewise.engine.api.EngineException;

import java.nio.file.Path;

/**
 * A session file that cannot be read or written. The message names the file and says what to do;
 * {@link #problem()} tells callers how to react (offer the backup, suggest an update, check the disk).
 */
public class SessionException extends EngineException {
    private static final long serialVersionUID = 1L;

    public enum Problem {
        /** Not valid session JSON (truncated, edited by hand, overwritten by something else). */
        DAMAGED,
        /** Written by a newer Framewise: refused so it is not mangled. */
        NEWER_VERSION,
        /** The file or folder is missing. */
        NOT_FOUND,
        /** The disk refused (permissions, full disk, I/O error). */
        IO
    }

    private final transient Path file;
    private final Problem problem;

    public SessionException(Path file, Problem problem, String message) {
        super(message);
        this.file = file;
        this.problem = problem;
    }

    public SessionException(Path file, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
