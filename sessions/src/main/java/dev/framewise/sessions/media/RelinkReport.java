package dev.framewise.sessions.media;

import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Session;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a relink: the session with the found media pointing at their new paths, what moved,
 * what is still missing, and whether the search stopped at its bounds before looking everywhere.
 */
public record RelinkReport(Session session, List<Relinked> relinked, List<MediaItem> missing, int filesScanned,
                           int filesHashed, boolean searchTruncated) {

    public RelinkReport {
        relinked = List.copyOf(relinked);
        missing = List.copyOf(missing);
    }

    public record Relinked(String mediaId, String oldPath, Path newPath) {
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
