package dev.framewise.engine.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSONL file of runs, one object per line, appended and flushed as each run ends, so that whatever stops the
 * process leaves every finished run on its own complete line. Opening it reads what is already there: the last
 * line per {@code key} says whether that run is done ({@code "status": "ok"}) or failed. A line cut short by a
 * hard kill is ignored, and the next line starts on a fresh one.
 */
public final class ResultLog implements AutoCloseable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    private final Path file;
    private final Map<String, ObjectNode> latest;
    private final OutputStream out;

    private ResultLog(Path file, Map<String, ObjectNode> latest, OutputStream out) {
        this.file = file;
        this.latest = latest;
        this.out = out;
    }

    public static ResultLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Map<String, ObjectNode> latest = Files.exists(file) ? latestByKey(readLines(file)) : new LinkedHashMap<>();
            boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (needsNewline) out.write('\n');
            return new ResultLog(file, latest, out);
        } catch (IOException e) {
            throw new EngineException("Cannot write results to " + file + " (" + e.getMessage() + "); check the path and permissions", e);
        }
    }

    /** Every well-formed object line of a results file, in order (a truncated or foreign line is skipped). */
    public static List<ObjectNode> readLines(Path file) {
        List<ObjectNode> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    JsonNode node = ResultJson.MAPPER.readTree(line);
                    if (node instanceof ObjectNode object) lines.add(object);
                } catch (JsonProcessingException e) {
                    // a line cut short by a kill: that run is simply not done
                }
            }
        } catch (IOException e) {
            throw new EngineException("Cannot read " + file + " (" + e.getMessage() + "); check the path", e);
        }
        return lines;
    }

    /** The last line per key, in the order keys first appear. */
    public static Map<String, ObjectNode> latestByKey(List<ObjectNode> lines) {
        Map<String, ObjectNode> latest = new LinkedHashMap<>();
        for (ObjectNode line : lines) {
            if (line.hasNonNull("key")) latest.put(line.get("key").asText(), line);
        }
        return latest;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            return raf.read() == '\n';
        }
    }

    /** The status of the last line with this key, or null when the key never ran. */
    public synchronized String status(String key) {
        ObjectNode line = latest.get(key);
        return line == null ? null : line.path("status").asText(null);
    }

    /** The latest line of every key, the ones read at opening and the ones appended since. */
    public synchronized Map<String, ObjectNode> latest() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(latest));
    }

    /** Appends one line (which must carry {@code key} and {@code status}) and flushes it to the file. */
    public synchronized void append(ObjectNode line) {
        try {
            out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new EngineException("Cannot write results to " + file + " (" + e.getMessage() + "); check free disk space", e);
        }
        latest.put(line.get("key").asText(), line);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new EngineException("Cannot finish " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
