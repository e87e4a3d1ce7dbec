package dev.framewise.cli;

import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.WorkProgress;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * "reading the prompt: 2,048 of 14,494 prompt tokens  14 %" on one terminal line (stderr) while a question's frames
 * are encoded and its prompt prefilled, erased before the first token; everything else goes on to the listener it
 * wraps. Silent when stderr is not a terminal, as {@link LoadProgressLine}.
 */
final class WorkProgressLine implements GenerationListener {
    private final PrintWriter err;
    private final GenerationListener next;
    private int shownLength;

    WorkProgressLine(PrintWriter err, GenerationListener next) {
        this.err = err;
        this.next = next;
    }

    /** {@code next} with the progress line in front of it on a terminal, {@code next} alone otherwise. */
    static GenerationListener forTerminal(PrintWriter err, GenerationListener next) {
        return System.console() == null ? next : new WorkProgressLine(err, next);
    }

    @Override
    public void onProgress(WorkProgress progress) {
        String line = String.format(Locale.ROOT, "%s %3d %%", progress.describe(),
                (int) Math.floor(progress.fraction() * 100));
        err.print("\r" + line + (line.length() < shownLength ? " ".repeat(shownLength - line.length()) : ""));
        shownLength = Math.max(shownLength, line.length());
        err.flush();
        next.onProgress(progress);
    }

    /** Erases the line (before the answer streams, and at the end of a run that produced none). */
    void erase() {
        if (shownLength == 0) return;
        err.print("\r" + " ".repeat(shownLength) + "\r");
        err.flush();
        shownLength = 0;
    }

    @Override
    public void onStage(String stage, double fraction) {
        next.onStage(stage, fraction);
    }

    @Override
    public void onFrames(List<FrameRef> frames) {
        next.onFrames(frames);
    }

    @Override
    public void onToken(TokenEvent token) {
        erase();
        next.onToken(token);
    }

    @Override
    public void onTokens(List<TokenEvent> tokens) {
        erase();
        next.onTokens(tokens);
    }
}
