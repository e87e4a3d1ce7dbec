package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt lab: media × a grid of variants of one question. The grid varies one or two dimensions of
 * {@code base} ({@code rows}, and optionally {@code columns}); each cell names the session run that answered it,
 * so the answers, frames and timings live with the session's other runs and export with them.
 */
public record Lab(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("created") Instant created,
        @JsonProperty("media_ids") List<String> mediaIds,
        @JsonProperty("base") LabVariant base,
        @JsonProperty("rows") LabAxis rows,
        @JsonProperty("columns") LabAxis columns,
        @JsonProperty("cells") List<LabCell> cells) {

    public Lab {
        Objects.requireNonNull(id, "lab id");
        Objects.requireNonNull(created, "lab created");
        Objects.requireNonNull(base, "lab base variant");
        title = title == null ? "" : title;
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    public int rowCount() {
        return rows == null || rows.size() == 0 ? 1 : rows.size();
    }

    public int columnCount() {
        return columns == null || columns.size() == 0 ? 1 : columns.size();
    }

    /** The variant of a cell: the base with the row's and then the column's value applied. */
    public LabVariant variant(int row, int column) {
        LabVariant v = base;
        if (rows != null && rows.size() > 0) v = rows.dimension().apply(v, rows.values().get(row));
        if (columns != null && columns.size() > 0) v = columns.dimension().apply(v, columns.values().get(column));
        return v;
    }

    /** How a row or column is called in a table: "seed = 3", or "" where the lab has no such axis. */
    public static String heading(LabAxis axis, int index) {
        if (axis == null || axis.size() == 0) return "";
        return axis.dimension().label() + " = " + axis.values().get(index);
    }

    public Optional<LabCell> cell(String mediaId, int row, int column) {
        return cells.stream().filter(c -> c.at(mediaId, row, column)).findFirst();
    }

    public Lab withCells(List<LabCell> newCells) {
        return new Lab(id, title, created, mediaIds, base, rows, columns, newCells);
    }
}
