package dev.framewise.sessions.cli;

import dev.framewise.sessions.media.MediaRelinker;
import dev.framewise.sessions.media.RelinkReport;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code framewise sessions relink FILE --search DIR}: points moved media at their new place, found by content. */
@Command(name = "relink", mixinStandardHelpOptions = true,
        description = {"Find a session's moved media by content (SHA-256) under DIR and update the session.",
                "Exit code 0 when every media file is found, 3 when some are still missing."})
final class RelinkSessionCommand extends SessionsSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The session file.")
    Path file;

    @Option(names = "--search", required = true, paramLabel = "DIR", description = "Folder to search (recursively).")
    Path searchRoot;

    @Option(names = "--max-depth", paramLabel = "N", description = "Folder levels to descend (default ${DEFAULT-VALUE}).")
    int maxDepth = MediaRelinker.DEFAULT_MAX_DEPTH;

    @Option(names = "--max-files", paramLabel = "N", description = "Files to look at at most (default ${DEFAULT-VALUE}).")
    int maxFiles = MediaRelinker.DEFAULT_MAX_FILES;

    @Option(names = "--dry-run", description = "Report what would change; do not save.")
    boolean dryRun;

    @Override
    int execute() {
        FileSessionStore store = new FileSessionStore(file.toAbsolutePath().getParent());
        Session session = store.load(file);
        RelinkReport report = new MediaRelinker(maxDepth, maxFiles).relink(session, searchRoot);
        for (RelinkReport.Relinked r : report.relinked()) out().println("found   " + r.oldPath() + " -> " + r.newPath());
        for (MediaItem m : report.missing()) out().println("missing " + m.path() + " (sha256 " + m.sha256() + ")");
        if (report.searchTruncated()) {
            out().println("The search stopped after " + maxFiles + " files; raise --max-files or name a smaller folder.");
        }
        if (!report.relinked().isEmpty() && !dryRun) {
            store.save(file, report.session());
            out().println("Saved " + file + " (previous version kept as " + file.getFileName() + ".bak).");
        }
        if (report.relinked().isEmpty() && report.missing().isEmpty()) out().println("All media are where the session says.");
        return report.complete() ? 0 : 3;
    }
}
