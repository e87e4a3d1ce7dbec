package dev.framewise.engine.cli;

import dev.framewise.engine.api.RunRecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine tests' stand-in for the sessions module's recorder (found through ServiceLoader, as the real one is):
 * it keeps every run it is given, so a test can check what {@code --session} would record.
 */
public final class RecordingRunRecorder implements RunRecorder {
    static final List<AskRun> RUNS = new CopyOnWriteArrayList<>();

    @Override
    public void record(AskRun run) {
        RUNS.add(run);
    }
}
