package dev.framewise.sessions.store;

import dev.framewise.sessions.model.Session;

import java.nio.file.Path;
import java.util.Optional;

/** What opening a session file for work gave: the session, or a damaged file set aside with a backup to offer. */
public sealed interface LoadOutcome {

    /** The session; {@code migratedFrom} is the file's older schema, or empty when it was current. */
    record Loaded(Session session, Path file, Optional<Integer> migratedFrom) implements LoadOutcome {
    }

    /**
     * The file could not be read. It was renamed to {@code setAsideAs} (never deleted or overwritten) so a
     * new save cannot destroy what may still be recovered by hand; {@code backup} is the previous version,
     * when there is one, which {@link SessionStore#restoreBackup} brings back.
     */
    record Damaged(SessionException error, Path file, Path setAsideAs, Optional<Path> backup) implements LoadOutcome {
        /** One paragraph for the user: what happened, where the file went, and what can be done. */
        public String explanation() {
            return error.getMessage() + " It was set aside as " + setAsideAs.getFileName() + "."
                    + backup.map(b -> " The previous version (" + b.getFileName() + ") can be restored.")
                            .orElse(" There is no earlier version to restore.");
        }
    }
}
