package dev.framewise.sessions.cli;

import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.SessionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** {@code framewise sessions list}: one line per session file, damaged ones flagged. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the sessions, newest first.")
final class ListSessionsCommand extends SessionsSubcommand {

    @Mixin
    StoreOption storeOption;

    @Override
    int execute() {
        FileSessionStore store = storeOption.store();
        List<SessionSummary> sessions = store.list();
        if (sessions.isEmpty()) {
            out().println("No sessions in " + store.folder());
            return 0;
        }
        out().printf("%-20s  %-20s  %5s  %5s  %s%n", "modified", "created", "media", "runs", "title (file)");
        for (SessionSummary s : sessions) {
            if (s.readable()) {
                out().printf("%-20s  %-20s  %5d  %5d  %s (%s)%n", s.modified(), s.created(), s.mediaCount(),
                        s.runCount(), s.title(), shown(store, s));
            } else {
                out().printf("%-20s  %-20s  %5s  %5s  UNREADABLE %s: %s%n", "-", "-", "-", "-", shown(store, s),
                        s.problem());
            }
        }
        return 0;
    }

    /** A file in the sessions folder by its name; one saved elsewhere (Save as…) by its whole path. */
    private static Object shown(FileSessionStore store, SessionSummary s) {
        return store.folder().equals(s.file().toAbsolutePath().normalize().getParent()) ? s.file().getFileName() : s.file();
    }
}
