package dev.framewise.sessions.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A line of the session list. {@code problem} is null for a readable file; for a damaged or too-new one it
 * says why, and the other fields are unknown (empty title, null dates, zero counts).
 */
public record SessionSummary(Path file, String id, String title, Instant created, Instant modified, int mediaCount,
                             int runCount, String problem) {

    public boolean readable() {
        return problem == null;
    }
}
