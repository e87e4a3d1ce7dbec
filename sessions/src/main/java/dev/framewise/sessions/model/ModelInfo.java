package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The model a run used: its name, where it came from (a local folder or a remote server URL), and a
 * fingerprint of its config and weights index so a later reader can tell whether "the same name" is
 * still the same model. Fingerprint and location may be null (e.g. a remote server that reports neither).
 */
public record ModelInfo(
        @JsonProperty("name") String name,
        @JsonProperty("location") String location,
        @JsonProperty("fingerprint") String fingerprint) {

    public static final ModelInfo UNKNOWN = new ModelInfo("unknown", null, null);

    public ModelInfo {
        name = name == null || name.isBlank() ? "unknown" : name;
    }
}
