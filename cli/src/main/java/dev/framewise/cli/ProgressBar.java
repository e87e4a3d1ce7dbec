package dev.framewise.cli;

import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.hub.DownloadListener;
import dev.framewise.engine.store.hub.DownloadProgress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** Download progress as a {@link StatusLine}: bar, bytes, rate, ETA and the file being fetched. */
final class ProgressBar implements DownloadListener {
    private static final int WIDTH = 24;

    private final StatusLine line;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.line = new StatusLine(out, terminal);
    }

    @Override
    public void onProgress(DownloadProgress p) {
        line.show(describe(p), p.doneBytes() == p.totalBytes());
    }

    /** Ends the redrawn line so the next output starts on its own line. */
    void finish() {
        line.finish();
    }

    static String describe(DownloadProgress p) {
        int filled = (int) Math.round(p.fraction() * WIDTH);
        String active = p.files().stream().filter(f -> f.state() == DownloadProgress.State.DOWNLOADING)
                .map(DownloadProgress.FileProgress::path).findFirst().orElse("");
        long activeCount = p.files().stream().filter(f -> f.state() == DownloadProgress.State.DOWNLOADING).count();
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", (int) Math.floor(p.fraction() * 100)) + "  "
                + Bytes.human(p.doneBytes()) + " / " + Bytes.human(p.totalBytes()) + "  "
                + Bytes.human((long) p.bytesPerSecond()) + "/s  ETA " + eta(p.eta())
                + (active.isEmpty() ? "" : "  " + active + (activeCount > 1 ? " +" + (activeCount - 1) : ""));
    }

    static String eta(Optional<Duration> eta) {
        if (eta.isEmpty()) return "--";
        long s = eta.get().toSeconds();
        if (s >= 3600) return s / 3600 + "h" + String.format("%02dm", s % 3600 / 60);
        if (s >= 60) return s / 60 + "m" + String.format("%02ds", s % 60);
        return s + "s";
    }
}
