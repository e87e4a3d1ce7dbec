package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What the user adds to a run for data curation: free notes, tags and a rating. */
public record Curation(
        @JsonProperty("notes") String notes,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("rating") Rating rating) {

    public static final Curation NONE = new Curation("", List.of(), Rating.NONE);

    public Curation {
        notes = notes == null ? "" : notes;
        tags = tags == null ? List.of() : List.copyOf(tags);
        rating = rating == null ? Rating.NONE : rating;
    }
}
