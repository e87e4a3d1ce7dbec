package dev.framewise.engine.batch;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.Timings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test backend whose answers are known in advance: {@code script} maps each request to the text the model
 * "writes". A media file whose bytes start with "corrupt" fails as a decoder would. It records every request and
 * the most generations that were ever in flight at once; {@code delayMillis} holds each generation that long.
 */
public final class ScriptedBackend implements InferenceBackend {
    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<GenerationRequest, String> script;
    private final long delayMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public ScriptedBackend(Function<GenerationRequest, String> script, long delayMillis) {
        this.script = script;
        this.delayMillis = delayMillis;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The text of the request's last user turn. */
    public static String userText(GenerationRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        StringBuilder text = new StringBuilder();
        for (ContentPart p : last.content()) if (p instanceof ContentPart.Text t) text.append(t.text());
        return text.toString();
    }

    /** The file name of the request's image or video. */
    public static String mediaName(GenerationRequest request) {
        Path path = mediaPath(request);
        return path == null ? "" : path.getFileName().toString();
    }

    static Path mediaPath(GenerationRequest request) {
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Image i) return i.path();
                if (p instanceof ContentPart.Video v) return v.path();
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
        requests.add(request);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Path media = mediaPath(request);
            try {
                if (media != null && new String(Files.readAllBytes(media)).startsWith("corrupt")) {
                    throw new EngineException(media.getFileName() + ": not a video FFmpeg can decode");
                }
            } catch (java.io.IOException e) {
                throw new EngineException(media.getFileName() + ": file not found");
            }
            long until = System.nanoTime() + delayMillis * 1_000_000;
            while (System.nanoTime() < until) {
                if (cancel.isCancelled()) break;
                Thread.onSpinWait();
            }
            FinishReason finish = cancel.isCancelled() ? FinishReason.CANCELLED : FinishReason.EOS;
            String text = script.apply(request);
            long seed = request.params().seed() == null ? 42 : request.params().seed();
            List<FrameRef> frames = media != null && media.toString().endsWith(".mp4")
                    ? List.of(new FrameRef(0, 0), new FrameRef(2, 0.5)) : List.of();
            return new GenerationResult("scripted-model", new int[] {1, 2}, List.of(), text, "", text, frames, List.of(),
                    new Timings(0, 1, 2, 3, 4, 5, 10, 3), finish, seed, List.of());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
    }
}
