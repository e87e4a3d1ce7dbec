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
    private final BufferedReader lines;
    private final Runnable onActivity;

    SseEventReader(InputStream body, Runnable onActivity) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.onActivity = onActivity;
    }

    /** The next event's data, or null at the end of the stream (an unfinished event at the end is dropped, as the spec says). */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
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

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
