package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * What was asked: the user's question, the system prompt (null for the chat template's default), the
 * prompt template by name and the exact text it had then (templates change; the run must not), and
 * whether the Cosmos-Reason reasoning format was requested.
 */
public record RunPrompt(
        @JsonProperty("question") String question,
        @JsonProperty("system_prompt") String systemPrompt,
        @JsonProperty("template_name") String templateName,
        @JsonProperty("template_text") String templateText,
        @JsonProperty("reasoning_format") boolean reasoningFormat) {

    public RunPrompt {
        Objects.requireNonNull(question, "question");
    }
}
