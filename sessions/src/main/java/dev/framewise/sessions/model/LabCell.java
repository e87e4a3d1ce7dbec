package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One cell of a prompt-lab grid: the media it asks about, its row and column (0 where the lab has no such axis),
 * and the run that answered it (null until it has run; the run itself is one of the session's runs).
 */
public record LabCell(
        @JsonProperty("media_id") String mediaId,
        @JsonProperty("row") int row,
        @JsonProperty("column") int column,
        @JsonProperty("run_id") String runId) {

    public LabCell {
        if (row < 0 || column < 0) throw new IllegalArgumentException("a lab cell's row and column are never negative");
    }

    public boolean at(String media, int r, int c) {
        return Objects.equals(mediaId, media) && row == r && column == c;
    }
}
