package dev.framewise.cli;

import dev.framewise.engine.batch.BatchProgress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A batch's progress on stderr: one line redrawn with {@code \r} on a terminal, else a plain line every few
 * seconds (and at the end) so that logs stay readable.
 */
final class BatchProgressLine {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastPlain;
    private int lastLength;

    BatchProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void show(BatchProgress p) {
        String line = describe(p);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            long now = System.nanoTime();
            if (p.finished() < p.planned() && now - lastPlain < PLAIN_INTERVAL_NANOS) return;
            lastPlain = now;
            err.println(line);
        }
        err.flush();
    }

    void finish() {
        if (terminal && lastLength > 0) err.println();
        err.flush();
    }

    static String describe(BatchProgress p) {
        return String.format(Locale.ROOT, "%d/%d runs%s · %.2f runs/s · ETA %s", p.finished(), p.planned(),
                p.failed() > 0 ? " (" + p.failed() + " failed)" : "", p.runsPerSecond(), clock(p.eta()));
    }

    static String clock(Duration d) {
        if (d == null) return "…";
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
