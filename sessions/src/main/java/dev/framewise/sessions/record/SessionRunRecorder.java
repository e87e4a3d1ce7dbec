package dev.framewise.sessions.record;

import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.RunContext;
import dev.framewise.sessions.store.FileSessionStore;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code framewise ask --session FILE}: keeps a finished (or failed) run where the workbench can open it. */
public final class SessionRunRecorder {

    public void record(AskRun run) {
        SessionRecorder recorder = SessionRecorder.forFiles(SessionRunRecorder::probe);
        ModelInfo model = run.modelFolder() != null ? ModelFingerprint.local(run.modelName(), run.modelFolder())
                : ModelFingerprint.remote(run.modelName(), run.remoteUrl());
        RunContext context = new RunContext(run.backend(), null, null, run.reasoningFormat(), run.question(),
                run.estimate());
        if (run.result() != null) {
            recorder.record(run.sessionFile(), run.request(), run.result(), model, context);
        } else {
            recorder.recordFailure(run.sessionFile(), run.request(), run.error(), model, context);
        }
    }

    /**
     * Refuses, before the model is loaded, a session file a run could not be added to (damaged, written by a newer
     * version, unreadable): the run would be lost after all its work. Reads the whole file as {@code record} will
     * (a damaged or too-new file throws its SessionException); nothing is written.
     */
    public void checkCanRecord(Path sessionFile) {
        if (Files.exists(sessionFile)) new FileSessionStore(sessionFile.toAbsolutePath().getParent()).load(sessionFile);
    }

    private static MediaInfo probe(Path path) {
        try (MediaSource source = Media.open(path)) {
            return source.info();
        }
    }
}
