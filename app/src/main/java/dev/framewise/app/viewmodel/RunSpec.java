package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.GenerationParams;

import java.nio.file.Path;

/**
 * What the user asked, before any convention is applied: the question, the media (null for none), the
 * clip range (null ends for the whole video), sampling and generation parameters, and the template used.
 */
public record RunSpec(String question, Path media, Double clipStart, Double clipEnd, GenerationParams params,
                      Double fps, Integer maxPixels, boolean reasoningFormat, String templateName) {

    public RunSpec withSeed(Long seed) {
        return new RunSpec(question, media, clipStart, clipEnd, params.withSeed(seed), fps, maxPixels, reasoningFormat,
                templateName);
    }
}
