package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One question asked of a model, with everything needed to repeat it (prompt, media, parameters and
 * seed, model fingerprint, backend, frames shown) and what came back. {@code outcome} is null only for a
 * run that failed before producing anything; {@code error} is set only for {@link RunStatus#FAILED}.
 * {@code followUp} is null for a first question, and says which conversation a follow-up question continues.
 */
public record Run(
        @JsonProperty("id") String id,
        @JsonProperty("created") Instant created,
        @JsonProperty("prompt") RunPrompt prompt,
        @JsonProperty("media_ids") List<String> mediaIds,
        @JsonProperty("params") RunParams params,
        @JsonProperty("sampling") FrameSampling sampling,
        @JsonProperty("model") ModelInfo model,
        @JsonProperty("backend") String backend,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("error") String error,
        @JsonProperty("curation") Curation curation,
        @JsonProperty("follow_up") FollowUp followUp) {

    public Run {
        Objects.requireNonNull(id, "run id");
        Objects.requireNonNull(created, "run created");
        Objects.requireNonNull(prompt, "run prompt");
        Objects.requireNonNull(params, "run params");
        Objects.requireNonNull(status, "run status");
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        model = model == null ? ModelInfo.UNKNOWN : model;
        backend = backend == null ? "" : backend;
        curation = curation == null ? Curation.NONE : curation;
        if (status == RunStatus.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed run needs its error message");
        }
    }

    /** A first question (not a follow-up). */
    public Run(String id, Instant created, RunPrompt prompt, List<String> mediaIds, RunParams params,
               FrameSampling sampling, ModelInfo model, String backend, Outcome outcome, RunStatus status, String error,
               Curation curation) {
        this(id, created, prompt, mediaIds, params, sampling, model, backend, outcome, status, error, curation, null);
    }

    public String question() {
        return prompt.question();
    }

    /** The answer, or "" when the run produced no outcome. */
    public String answer() {
        return outcome == null ? "" : outcome.answer();
    }

    public String reasoning() {
        return outcome == null ? "" : outcome.reasoning();
    }

    public Run withId(String newId) {
        return new Run(newId, created, prompt, mediaIds, params, sampling, model, backend, outcome, status, error,
                curation, followUp);
    }

    public Run withFollowUp(FollowUp newFollowUp) {
        return new Run(id, created, prompt, mediaIds, params, sampling, model, backend, outcome, status, error,
                curation, newFollowUp);
    }
}
