package dev.framewise.engine.api;

import java.util.Objects;

/**
 * A conversation as the model reads it, for showing to the user: the chat template's text (each image or video as its
 * one placeholder, so it stays readable; a family that writes each temporal patch's time before it, as Qwen3-VL writes
 * {@code <t seconds>}, shows one placeholder per temporal patch after its time) and the prompt's exact length in tokens once every placeholder is expanded to
 * its medium's vision tokens.
 *
 * @param text         the rendered prompt, generation prompt included, with one placeholder per medium (or patch)
 * @param tokens       the prompt's tokens as prefilled
 * @param visionTokens how many of them stand for the images and videos (and, per family, their frame times)
 */
public record RenderedPrompt(String text, int tokens, int visionTokens) {
    public RenderedPrompt {
        Objects.requireNonNull(text, "text");
        if (tokens < 0 || visionTokens < 0 || visionTokens > tokens) {
            throw new IllegalArgumentException("token counts must satisfy 0 <= vision <= total");
        }
    }
}
