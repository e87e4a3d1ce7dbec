package dev.framewise.sessions.store;

import dev.framewise.sessions.model.Session;

import java.nio.file.Path;
import java.util.List;

/**
 * Where sessions are kept: one file per session. Every save is atomic and keeps the previous version as a
 * backup. Reads never modify a file, except {@link #open}, which sets a damaged file aside.
 */
public interface SessionStore {

    /** The folder sessions are listed from and saved to by default. */
    Path folder();

    /** The default file of a session in {@link #folder()}. */
    Path fileFor(Session session);

    /** Writes the session to the file atomically (concurrent saves of one file are serialised). */
    void save(Path file, Session session);

    /** Reads (and if older, migrates) a session; the file is left untouched whatever happens. */
    Session load(Path file);

    /**
     * Reads a session for work: like {@link #load}, but a damaged file is set aside and its backup offered
     * instead of an exception. A file from a newer Framewise is still refused (it is not damaged).
     */
    LoadOutcome open(Path file);

    /** Brings back the previous version after {@link #open} reported the file damaged; returns it. */
    Session restoreBackup(Path file);

    /** Every session file in {@link #folder()}, newest first, damaged ones included with their problem. */
    List<SessionSummary> list();
}
