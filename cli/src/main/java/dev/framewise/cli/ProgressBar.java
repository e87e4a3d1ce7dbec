package dev.framewise.cli;

import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.hub.DownloadListener;
import dev.framewise.engine.store.hub.DownloadProgress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Download progress for a terminal: one line redrawn with {@code \r} (bar, bytes, rate, ETA, the file being
 * fetched) when the output is a terminal; otherwise a plain line every few seconds, so logs stay readable.
 */
final class ProgressBar implements DownloadListener {
    private static final int WIDTH = 24;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastPlain;
    private int lastLength;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onProgress(DownloadProgress p) {
        String line = describe(p);
        if (terminal) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            out.print("\r" + padded);
            lastLength = line.length();
        } else {
            long now = System.nanoTime();
            boolean finished = p.doneBytes() == p.totalBytes();
            if (!finished && now - lastPlain < PLAIN_INTERVAL_NANOS) return;
            lastPlain = now;
            out.println(line);
        }
        out.flush();
    }

    /** Ends the redrawn line so the next output starts on its own line. */
    synchronized void finish() {
        if (terminal && lastLength > 0) out.println();
        out.flush();
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
