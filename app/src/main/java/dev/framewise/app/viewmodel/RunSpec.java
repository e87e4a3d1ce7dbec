package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.sessions.model.FollowUp;

import java.nio.file.Path;

/**
 * What the user asked, before any convention is applied: the question, the media (null for none), the
 * clip range (null ends for the whole video), sampling and generation parameters, the template used, the
 * user's own system prompt (null: the family's) and, for a follow-up question, the conversation it continues
 * (null for a first question; a follow-up keeps the media, clip and sampling of its first question).
 */
public record RunSpec(String question, Path media, Double clipStart, Double clipEnd, GenerationParams params,
                      Double fps, Integer maxPixels, boolean reasoningFormat, String templateName, String systemPrompt,
                      FollowUp followUp) {

    /** A first question with the family's system prompt. */
    public RunSpec(String question, Path media, Double clipStart, Double clipEnd, GenerationParams params, Double fps,
                   Integer maxPixels, boolean reasoningFormat, String templateName) {
        this(question, media, clipStart, clipEnd, params, fps, maxPixels, reasoningFormat, templateName, null, null);
    }

    public RunSpec withSeed(Long seed) {
        return new RunSpec(question, media, clipStart, clipEnd, params.withSeed(seed), fps, maxPixels, reasoningFormat,
                templateName, systemPrompt, followUp);
    }

    /**
     * The next question of this run's conversation: the same media, clip, sampling, reasoning format and system
     * prompt, the earlier turns followed by this one ({@code runId} asked {@link #question} and was answered
     * {@code answerShown}, as the model is shown it), and the given question, parameters and template.
     */
    public RunSpec followedBy(String runId, String answerShown, String nextQuestion, GenerationParams nextParams,
                              String nextTemplate) {
        FollowUp next = followUp == null ? FollowUp.of(runId, question, answerShown)
                : followUp.then(runId, question, answerShown);
        return new RunSpec(nextQuestion, media, clipStart, clipEnd, nextParams, fps, maxPixels, reasoningFormat,
                nextTemplate, systemPrompt, next);
    }

    public boolean isFollowUp() {
        return followUp != null;
    }
}
