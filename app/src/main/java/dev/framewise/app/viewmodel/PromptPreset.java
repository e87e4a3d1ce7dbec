package dev.framewise.app.viewmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.api.PromptConvention;

import java.util.List;

/**
 * A question template from ui-resources' presets.json; {@code {X}}-style placeholders are for the user to fill in.
 * {@code conventions} names the prompt conventions ({@link PromptConvention#name()}) it is written for; none for
 * every model.
 */
public record PromptPreset(@JsonProperty("id") String id, @JsonProperty("title") String title,
                           @JsonProperty("prompt") String prompt,
                           @JsonProperty("conventions") List<String> conventions) {

    public PromptPreset {
        conventions = conventions == null ? List.of() : List.copyOf(conventions);
    }

    /** A template for every model. */
    public PromptPreset(String id, String title, String prompt) {
        this(id, title, prompt, List.of());
    }

    /** Whether the template suits a model asked with {@code convention}. */
    public boolean suits(PromptConvention convention) {
        return conventions.isEmpty() || conventions.contains(convention.name());
    }
}
