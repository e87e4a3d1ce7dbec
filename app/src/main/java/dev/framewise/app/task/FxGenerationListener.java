package dev.framewise.app.task;

import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.TokenEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one adapter where engine callbacks, which arrive on the generating thread, hop onto the FX thread.
 * Tokens are queued and drained in batches (at most one drain pending), so a fast model cannot flood the
 * FX event queue; order is kept because the FX executor runs submissions first in, first out.
 */
public final class FxGenerationListener implements GenerationListener {
    private final Executor fxThread;
    private final GenerationListener target;
    private final Queue<TokenEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** {@code target} is called on {@code fxThread} only. */
    public FxGenerationListener(Executor fxThread, GenerationListener target) {
        this.fxThread = fxThread;
        this.target = target;
    }

    @Override
    public void onStage(String stage, double fraction) {
        fxThread.execute(() -> target.onStage(stage, fraction));
    }

    @Override
    public void onFrames(List<FrameRef> frames) {
        List<FrameRef> copy = List.copyOf(frames);
        fxThread.execute(() -> target.onFrames(copy));
    }

    @Override
    public void onToken(TokenEvent token) {
        pending.add(token);
        if (drainScheduled.compareAndSet(false, true)) fxThread.execute(this::drain);
    }

    private void drain() {
        drainScheduled.set(false);
        List<TokenEvent> batch = new ArrayList<>();
        for (TokenEvent token = pending.poll(); token != null; token = pending.poll()) batch.add(token);
        if (!batch.isEmpty()) target.onTokens(batch);
    }
}
