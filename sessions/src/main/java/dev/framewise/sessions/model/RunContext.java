package dev.framewise.sessions.model;

import dev.framewise.engine.api.CostEstimate;

/**
 * What a run's request does not say by itself: the backend that answered (its description), the prompt
 * template (name and text at the time), whether the reasoning format was applied, and the user's own
 * question (null: taken from the last user message, which may include a template's wording), and the cost
 * preview's estimate made before the run (null: none).
 */
public record RunContext(String backend, String templateName, String templateText, boolean reasoningFormat,
                         String question, CostEstimate estimate) {

    /** A context without a cost estimate. */
    public RunContext(String backend, String templateName, String templateText, boolean reasoningFormat,
                      String question) {
        this(backend, templateName, templateText, reasoningFormat, question, null);
    }

    /** This context with the cost preview's estimate made before the run (null: none). */
    public RunContext withEstimate(CostEstimate costEstimate) {
        return new RunContext(backend, templateName, templateText, reasoningFormat, question, costEstimate);
    }

    public static RunContext of(String backend) {
        return new RunContext(backend, null, null, false, null);
    }
}
