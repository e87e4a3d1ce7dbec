package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum MediaKind {
    @JsonProperty("image") IMAGE,
    @JsonProperty("video") VIDEO
}
