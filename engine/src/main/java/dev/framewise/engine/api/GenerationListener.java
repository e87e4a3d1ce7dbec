package dev.framewise.engine.api;

import java.util.List;

/**
 * Receives a generation as it happens, on the generating thread (UI code must hop to its own thread).
 * Every method has a no-op default so a listener implements only what it shows.
 */
public interface GenerationListener {
    /** The progress of slow preparation stages (loading, decoding frames, vision encoding); fraction in [0, 1] or -1. */
    default void onStage(String stage, double fraction) {
    }

    /**
     * Counted progress of vision encoding (frames) and prefill (prompt tokens), reported between chunks of that
     * work, where a {@link CancellationToken} also takes effect. By default it is shown as a stage with its
     * fraction, so a listener that shows {@link #onStage} shows this too.
     */
    default void onProgress(WorkProgress progress) {
        onStage(progress.describe(), progress.fraction());
    }

    /** The video frames the model will be shown, before any token. */
    default void onFrames(List<FrameRef> frames) {
    }

    default void onToken(TokenEvent token) {
    }

    /**
     * Several tokens at once, in order: what a listener that relays tokens to another thread delivers there, so
     * that work per update (re-parsing the text so far, redrawing) runs once per batch rather than per token.
     */
    default void onTokens(List<TokenEvent> tokens) {
        tokens.forEach(this::onToken);
    }

    GenerationListener NONE = new GenerationListener() {
    };
}
