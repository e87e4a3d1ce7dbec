package dev.framewise.engine.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.media.MediaTypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rows of a batch: every media file under a folder times the questions, or a manifest, JSONL (one object per
 * line) or CSV (a header line, then one row per line, RFC 4180 quoting). Manifest fields: {@code media} and
 * {@code question} (required), {@code id}, {@code system}, {@code fps}, {@code nframes}, {@code seed},
 * {@code temperature}, {@code top_p}, {@code max_tokens}. Relative media paths are relative to the manifest.
 */
public final class BatchInput {
    static final Set<String> FIELDS = Set.of("id", "media", "question", "system", "fps", "nframes", "seed",
            "temperature", "top_p", "max_tokens");

    private BatchInput() {
    }

    /** Every image and video under {@code folder} (recursively, sorted by path), once per question. */
    public static List<BatchRow> folder(Path folder, List<String> questions, String system, boolean reasoningFormat,
                                        Double fps, Integer nframes) {
        if (!Files.isDirectory(folder)) throw new EngineException(folder + " is not a folder; give a folder of images and videos");
        List<Path> media;
        try (Stream<Path> files = Files.walk(folder)) {
            media = files.filter(Files::isRegularFile).filter(BatchInput::isMedia).sorted().toList();
        } catch (IOException e) {
            throw new EngineException("Cannot list " + folder + " (" + e.getMessage() + ")", e);
        }
        if (media.isEmpty()) {
            throw new EngineException(folder + " holds no images or videos (" + String.join(", ", MediaTypes.extensions()) + ")");
        }
        List<BatchRow> rows = new ArrayList<>();
        for (Path file : media) {
            for (String question : questions) rows.add(BatchRow.of(file, question, system, reasoningFormat, fps, nframes));
        }
        return rows;
    }

    static boolean isMedia(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && MediaTypes.ofExtension(name.substring(dot + 1)).isPresent();
    }

    /** A manifest's rows; {@code system}, {@code fps} and {@code nframes} apply where a row gives none. */
    public static List<BatchRow> manifest(Path file, String system, boolean reasoningFormat, Double fps, Integer nframes) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("Cannot read the manifest " + file + " (" + e.getMessage() + "); check the path", e);
        }
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        List<Map<String, String>> records = csv ? csvRecords(file, text) : jsonlRecords(file, text);
        Path base = file.toAbsolutePath().getParent();
        List<BatchRow> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            rows.add(row(file, i + 1, records.get(i), base, system, reasoningFormat, fps, nframes));
        }
        if (rows.isEmpty()) throw new EngineException("The manifest " + file + " has no rows");
        return rows;
    }

    private static BatchRow row(Path file, int number, Map<String, String> r, Path base, String system,
                                boolean reasoningFormat, Double fps, Integer nframes) {
        String where = file.getFileName() + " row " + number;
        for (String name : r.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new EngineException(where + ": unknown field '" + name + "' (known: " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String media = blankToNull(r.get("media"));
        if (media == null) throw new EngineException(where + ": no media path");
        try {
            Double rowFps = number(r, "fps", Double::valueOf);
            Integer rowFrames = number(r, "nframes", Integer::valueOf);
            boolean own = rowFps != null || rowFrames != null;
            return new BatchRow(blankToNull(r.get("id")), base.resolve(media), r.get("question"),
                    r.containsKey("system") ? blankToNull(r.get("system")) : system, reasoningFormat,
                    own ? rowFps : fps, own ? rowFrames : nframes, number(r, "seed", Long::valueOf),
                    number(r, "temperature", Double::valueOf), number(r, "top_p", Double::valueOf),
                    number(r, "max_tokens", Integer::valueOf));
        } catch (IllegalArgumentException e) {
            throw new EngineException(where + ": " + e.getMessage());
        }
    }

    private static <T> T number(Map<String, String> r, String field, java.util.function.Function<String, T> parse) {
        String value = blankToNull(r.get(field));
        if (value == null) return null;
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<Map<String, String>> jsonlRecords(Path file, String text) {
        List<Map<String, String>> records = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            JsonNode node;
            try {
                node = ResultJson.MAPPER.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new EngineException(file.getFileName() + " line " + (i + 1) + " is not JSON (" + e.getOriginalMessage() + ")");
            }
            if (!node.isObject()) throw new EngineException(file.getFileName() + " line " + (i + 1) + " is not a JSON object");
            Map<String, String> record = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> record.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
            records.add(record);
        }
        return records;
    }

    private static List<Map<String, String>> csvRecords(Path file, String text) {
        List<List<String>> table = Csv.parse(text);
        if (table.isEmpty()) throw new EngineException("The manifest " + file + " is empty");
        List<String> header = table.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = 1; i < table.size(); i++) {
            List<String> cells = table.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) continue;
            if (cells.size() != header.size()) {
                throw new EngineException(file.getFileName() + " row " + i + " has " + cells.size() + " fields, the header "
                        + header.size());
            }
            Map<String, String> record = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) record.put(header.get(c), cells.get(c));
            records.add(record);
        }
        return records;
    }

    /** A row's sampling: the batch's parameters with the row's own seed, temperature, top-p and max tokens. */
    public static GenerationParams params(BatchRow row, GenerationParams base) {
        try {
            return base.toBuilder().maxTokens(row.maxTokens() != null ? row.maxTokens() : base.maxTokens())
                    .temperature(row.temperature() != null ? row.temperature() : base.temperature())
                    .topP(row.topP() != null ? row.topP() : base.topP())
                    .seed(row.seed() != null ? row.seed() : base.seed()).build();
        } catch (IllegalArgumentException e) {
            throw new EngineException(row.media().getFileName() + " (" + row.question() + "): " + e.getMessage());
        }
    }
}
