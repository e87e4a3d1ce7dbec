package dev.framewise.app.viewmodel;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A question template from ui-resources' presets.json; {@code {X}}-style placeholders are for the user to fill in. */
public record PromptPreset(@JsonProperty("id") String id, @JsonProperty("title") String title,
                           @JsonProperty("prompt") String prompt) {
}
