package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A curator's thumbs up or down on a run. */
public enum Rating {
    @JsonProperty("up") UP,
    @JsonProperty("down") DOWN,
    @JsonProperty("none") NONE
}
