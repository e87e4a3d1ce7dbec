package dev.framewise.engine.remote;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events as the WHATWG "event stream interpretation" defines them, keeping only what
 * chat completions use: the {@code data} of each event ({@code data:} lines joined by newlines, dispatched at
 * a blank line). Comments ({@code :keep-alive}) and {@code event}/{@code id}/{@code retry} fields are skipped.
 * Each line read, comments included, counts as activity for the idle timeout.
 */
final class SseEventReader implements Closeable {
    /** Longest line accepted: a chunk is a few hundred bytes, so anything near this is not a chat stream. */
    static final int MAX_LINE_CHARS = 4 << 20;

    private final BufferedReader lines;
    private final Runnable onActivity;
    private final StringBuilder line = new StringBuilder();

    SseEventReader(InputStream body, Runnable onActivity) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.onActivity = onActivity;
    }

    /** The next event's data, or null at the end of the stream (an unfinished event at the end is dropped, as the spec says). */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = readLine()) != null) {
            onActivity.run();
            if (line.isEmpty()) {
                if (data != null) return data.toString();
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) continue;
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            if (data == null) data = new StringBuilder(value);
            else data.append('\n').append(value);
        }
        return null;
    }

    /** {@link BufferedReader#readLine()} (any of CR, LF, CR LF ends a line) with a bound on the line's length. */
    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int c = lines.read();
            if (c < 0) return line.length() == 0 ? null : line.toString();
            if (c == '\n') return line.toString();
            if (c == '\r') {
                lines.mark(1);
                if (lines.read() != '\n') lines.reset();
                return line.toString();
            }
            if (line.length() == MAX_LINE_CHARS) throw new LineTooLongException();
            line.append((char) c);
        }
    }

    /** A line longer than {@link #MAX_LINE_CHARS}: not a chat-completions stream. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("a stream line longer than " + MAX_LINE_CHARS + " characters");
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
