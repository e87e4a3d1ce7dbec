package dev.framewise.sessions.model;

/**
 * What a run's request does not say by itself: the backend that answered (its description), the prompt
 * template (name and text at the time), whether the reasoning format was applied, and the user's own
 * question (null: taken from the last user message, which may include a template's wording).
 */
public record RunContext(String backend, String templateName, String templateText, boolean reasoningFormat,
                         String question) {

    public static RunContext of(String backend) {
        return new RunContext(backend, null, null, false, null);
    }
}
