package dev.framewise.sessions.record;

import dev.framewise.engine.api.RunRecorder;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.RunContext;

import dev.framewise.sessions.store.FileSessionStore;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code framewise ask --session FILE}: the engine finds this through {@link java.util.ServiceLoader}. */
public final class SessionRunRecorder implements RunRecorder {

    @Override
    public void record(AskRun run) {
        SessionRecorder recorder = SessionRecorder.forFiles(SessionRunRecorder::probe);
        ModelInfo model = run.modelFolder() != null ? ModelFingerprint.local(run.modelName(), run.modelFolder())
                : ModelFingerprint.remote(run.modelName(), run.remoteUrl());
        RunContext context = new RunContext(run.backend(), null, null, run.reasoningFormat(), run.question());
        if (run.result() != null) {
            recorder.record(run.sessionFile(), run.request(), run.result(), model, context);
        } else {
            recorder.recordFailure(run.sessionFile(), run.request(), run.error(), model, context);
        }
    }

    /** Reads the whole file as {@code record} will (a damaged or too-new file throws its SessionException). */
    @Override
    public void checkCanRecord(Path sessionFile) {
        if (Files.exists(sessionFile)) new FileSessionStore(sessionFile.toAbsolutePath().getParent()).load(sessionFile);
    }

    private static MediaInfo probe(Path path) {
        try (MediaSource source = Media.open(path)) {
            return source.info();
        }
    }
}
