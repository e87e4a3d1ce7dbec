package dev.framewise.cli;

import dev.framewise.engine.batch.BatchProgress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** A batch's progress on stderr, as a {@link StatusLine}: runs done of planned, failures, rate and ETA. */
final class BatchProgressLine {
    private final StatusLine line;

    BatchProgressLine(PrintWriter err, boolean terminal) {
        this.line = new StatusLine(err, terminal);
    }

    void show(BatchProgress p) {
        line.show(describe(p), p.finished() >= p.planned());
    }

    void finish() {
        line.finish();
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
