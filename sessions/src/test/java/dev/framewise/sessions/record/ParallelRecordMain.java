package dev.framewise.sessions.record;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.RunContext;
import dev.framewise.sessions.store.FileSessionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * One writer of {@link ParallelSessionWritersTest}, run in its own JVM: records {@code runs} failed runs named
 * "writer W run I" into the session file, as {@code ask --session} does.
 */
public final class ParallelRecordMain {
    private ParallelRecordMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String writer = args[1];
        int runs = Integer.parseInt(args[2]);
        SessionRecorder recorder = new SessionRecorder(new FileSessionStore(file.getParent()), null, Clock.systemUTC());
        GenerationRequest request = new GenerationRequest(List.of(ChatMessage.user("is it safe?")), GenerationParams.greedy(8));
        ModelInfo model = new ModelInfo("tiny", "/models/tiny", "sha256:" + "ab".repeat(32));
        for (int i = 0; i < runs; i++) {
            recorder.recordFailure(file, request, "writer " + writer + " run " + i, model, RunContext.of("test"));
        }
    }
}
