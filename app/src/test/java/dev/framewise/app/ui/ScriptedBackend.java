package dev.framewise.app.ui;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend for UI tests that streams a fixed script of text pieces (a test's stand-in for a model, whose
 * output is unpredictable), reports the frames it "was shown", honours cancellation between pieces, and
 * records the requests it received; its timings are the stream's own, measured.
 */
final class ScriptedBackend implements InferenceBackend {
    private final List<String> pieces;
    private final List<FrameRef> frames;
    private final long pauseMillis;
    private final List<VisionGrid> vision;
    final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean closed;
    private volatile String name = "Scripted test model";

    ScriptedBackend(List<String> pieces, List<FrameRef> frames, long pauseMillis) {
        this(pieces, frames, pauseMillis, List.of());
    }

    /** {@code vision}: the grid and resized size it reports for the media, which grounding boxes are placed by. */
    ScriptedBackend(List<String> pieces, List<FrameRef> frames, long pauseMillis, List<VisionGrid> vision) {
        this.pieces = List.copyOf(pieces);
        this.frames = List.copyOf(frames);
        this.pauseMillis = pauseMillis;
        this.vision = List.copyOf(vision);
    }

    /** This backend, describing itself as {@code name} (a screenshot's stand-in for the model it estimates). */
    ScriptedBackend describedAs(String name) {
        this.name = name;
        return this;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
        requests.add(request);
        long start = System.nanoTime();
        long firstToken = 0;
        listener.onStage("Decoding frames", 0.5);
        listener.onFrames(frames);
        List<TokenEvent> tokens = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        FinishReason reason = FinishReason.EOS;
        for (String piece : pieces) {
            if (cancel.isCancelled()) {
                reason = FinishReason.CANCELLED;
                break;
            }
            pause();
            TokenEvent token = new TokenEvent(tokens.size(), 1000 + tokens.size(), piece, tokens.size() % 7 == 3 ? -1.6 : -0.05, List.of());
            tokens.add(token);
            text.append(piece);
            listener.onToken(token);
            if (firstToken == 0) firstToken = System.nanoTime();
        }
        ParsedResponse parsed = ReasoningParser.parse(text.toString());
        Long seed = request.params().seed();
        return new GenerationResult(describe(), new int[]{1, 2, 3}, tokens, text.toString(), parsed.reasoning(),
                parsed.answer(), frames, request.params().evidence() ? evidence(frames.size()) : List.of(), new Timings(0, 0, 0, 0,
                firstToken == 0 ? 0 : (firstToken - start) / 1e6, firstToken == 0 ? 0 : (System.nanoTime() - firstToken) / 1e6,
                request.messages().size(), tokens.size()), reason,
                seed == null ? 1234L : seed, vision);
    }

    /** Shares growing with the frame, summing to 1 (frame i of n gets (i + 1) / (n (n + 1) / 2)). */
    static List<Double> evidence(int frames) {
        double total = frames * (frames + 1) / 2.0;
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < frames; i++) shares.add((i + 1) / total);
        return shares;
    }

    private void pause() {
        if (pauseMillis <= 0) return;
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
