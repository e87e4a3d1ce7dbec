package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/** One direction of a prompt-lab grid: the dimension it varies and the values tried, in order. */
public record LabAxis(
        @JsonProperty("dimension") LabDimension dimension,
        @JsonProperty("values") List<String> values) {

    public LabAxis {
        Objects.requireNonNull(dimension, "lab axis dimension");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public int size() {
        return values.size();
    }
}
