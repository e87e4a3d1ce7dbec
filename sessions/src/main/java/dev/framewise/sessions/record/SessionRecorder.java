package dev.framewise.sessions.record;

import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.sessions.media.MediaItems;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunContext;
import dev.framewise.sessions.model.Runs;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.model.UiState;
import dev.framewise.sessions.store.FileSessionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Records a run into a session file ({@code framewise ask --session FILE}): loads the session or creates
 * it, adds the request's media (hashed, probed when a prober is given; a file already there by content is
 * reused and its path updated), appends the run, selects it, and saves atomically. A damaged or too-new
 * session file stops the recording with a {@link dev.framewise.sessions.store.SessionException} and is left
 * untouched.
 */
public final class SessionRecorder {
    private final FileSessionStore store;
    private final Function<Path, MediaInfo> prober;
    private final Clock clock;

    /** @param prober the engine's media probe, or null to record media without a probe summary */
    public SessionRecorder(FileSessionStore store, Function<Path, MediaInfo> prober, Clock clock) {
        this.store = store;
        this.prober = prober;
        this.clock = clock;
    }

    /** A recorder for session files anywhere (the store's folder only matters for listing). */
    public static SessionRecorder forFiles(Function<Path, MediaInfo> prober) {
        return new SessionRecorder(FileSessionStore.atDefaultLocation(), prober, Clock.systemUTC());
    }

    public Run record(Path file, GenerationRequest request, GenerationResult result, ModelInfo model, RunContext context) {
        return record(file, request, mediaIds -> Runs.fromResult(request, result, model, context, mediaIds, clock.instant()));
    }

    /** Records a run that failed with this error message (the engine's user-facing message). */
    public Run recordFailure(Path file, GenerationRequest request, String errorMessage, ModelInfo model,
                             RunContext context) {
        return record(file, request, mediaIds -> Runs.failed(request, errorMessage, model, context, mediaIds, clock.instant()));
    }

    /** Adds the request's media to the session in {@code file} and the run made with their ids, and saves it. */
    private Run record(Path file, GenerationRequest request, Function<Map<Path, String>, Run> makeRun) {
        Map<Path, String> mediaIds = new HashMap<>();
        Map<Path, MediaItem> items = new LinkedHashMap<>();
        for (Path path : Runs.mediaPaths(request)) items.put(path, MediaItems.of(path, prober)); // hashed before locking
        return store.underFileLock(file, () -> {
            Session session = addMedia(store.loadOrCreate(file, clock.instant()), items, mediaIds);
            Run run = makeRun.apply(mediaIds);
            save(file, session, run);
            return run;
        });
    }

    private void save(Path file, Session session, Run run) {
        UiState ui = session.uiState();
        Session updated = session.withRun(run)
                .withUiState(new UiState(run.id(), ui.selectedMediaId(), ui.viewerPositionSeconds()))
                .touched(clock.instant());
        store.save(file, updated);
    }

    private static Session addMedia(Session session, Map<Path, MediaItem> items, Map<Path, String> mediaIds) {
        Session result = session;
        for (Map.Entry<Path, MediaItem> entry : items.entrySet()) {
            Path path = entry.getKey();
            MediaItem item = entry.getValue();
            MediaItem known = result.mediaBySha256(item.sha256()).orElse(null);
            if (known == null) {
                result = result.withMediaItem(item);
                mediaIds.put(path, item.id());
            } else {
                if (!known.path().equals(item.path())) result = result.withMedia(result.media().stream()
                        .map(m -> m == known ? m.withPath(path) : m).toList());
                mediaIds.put(path, known.id());
            }
        }
        return result;
    }
}
