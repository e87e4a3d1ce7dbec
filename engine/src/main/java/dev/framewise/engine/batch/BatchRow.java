package dev.framewise.engine.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One question about one media file, with the options a manifest row may set (null: the batch's own).
 * {@code id} is the manifest's optional row identifier, copied to the result line.
 */
public record BatchRow(String id, Path media, String question, String system, boolean reasoningFormat, Double fps,
                       Integer nframes, Long seed, Double temperature, Double topP, Integer maxTokens) {
    public BatchRow {
        Objects.requireNonNull(media, "media");
        if (question == null || question.isBlank()) throw new IllegalArgumentException("the question is empty");
        if (fps != null && nframes != null) throw new IllegalArgumentException("give fps or nframes, not both");
    }

    /** A row with only media and question; everything else comes from the batch's options. */
    public static BatchRow of(Path media, String question, String system, boolean reasoningFormat, Double fps, Integer nframes) {
        return new BatchRow(null, media, question, system, reasoningFormat, fps, nframes, null, null, null, null);
    }
}
