package dev.framewise.app.viewmodel;

import dev.framewise.sessions.model.Lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The prompt labs' part of the session document: what to save, and what to show again when a session opens. */
public interface SessionLabs {
    SessionLabs NONE = new SessionLabs() {
        @Override
        public List<Lab> labs(Map<Path, String> mediaIds) {
            return List.of();
        }

        @Override
        public void restore(List<Lab> labs, Function<String, Path> mediaPath) {
        }
    };

    /** The labs to save, given the session's media ids by path. */
    List<Lab> labs(Map<Path, String> mediaIds);

    /** Shows a session's labs (after its runs are in the history); {@code mediaPath} maps a media id to its file. */
    void restore(List<Lab> labs, Function<String, Path> mediaPath);
}
