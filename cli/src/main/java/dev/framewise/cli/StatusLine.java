package dev.framewise.cli;

import java.io.PrintWriter;

/**
 * One status line (a download's or a batch's progress): redrawn in place with {@code \r} on a terminal; otherwise
 * printed as a plain line every few seconds, and always when it is the last, so that logs stay readable.
 */
final class StatusLine {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastPlain;
    private int lastLength;

    StatusLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows {@code line}; {@code last} (the work is complete) always prints it, even between plain intervals. */
    synchronized void show(String line, boolean last) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            long now = System.nanoTime();
            if (!last && now - lastPlain < PLAIN_INTERVAL_NANOS) return;
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
}
