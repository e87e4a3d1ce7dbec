package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.PromptPreset;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The question templates a lab's template axis names (the Ask box's templates): a value is a template's title or
 * id, and its text is asked instead of the lab's question. A template with blanks for the user ({@code {X}}) is
 * refused, as the lab has no place to fill them in.
 */
public record LabTemplates(List<PromptPreset> presets) {
    public static final LabTemplates NONE = new LabTemplates(List.of());

    public LabTemplates {
        presets = List.copyOf(presets);
    }

    /** The template named (by title or id, any case); IllegalArgumentException with a message otherwise. */
    public PromptPreset find(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        PromptPreset found = presets.stream().filter(p -> p.title().toLowerCase(Locale.ROOT).equals(key)
                || p.id().toLowerCase(Locale.ROOT).equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no question template is called \"" + name + "\"; use one of: "
                        + presets.stream().map(PromptPreset::title).collect(Collectors.joining(", "))));
        if (found.prompt().matches("(?s).*\\{[A-Za-z]+}.*")) {
            throw new IllegalArgumentException("the template \"" + found.title() + "\" has blanks to fill in ("
                    + found.prompt().replaceAll("(?s)^.*?(\\{[A-Za-z]+}).*$", "$1")
                    + "); type the filled-in text as a question value instead");
        }
        return found;
    }
}
