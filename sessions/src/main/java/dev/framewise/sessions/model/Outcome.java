package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a run produced: the parsed reasoning and answer, the full text, why generation stopped, the
 * tokens with their log-probabilities (empty when not kept), a per-frame evidence score (empty unless
 * requested) and where the time went.
 */
public record Outcome(
        @JsonProperty("reasoning") String reasoning,
        @JsonProperty("answer") String answer,
        @JsonProperty("text") String text,
        @JsonProperty("finish_reason") String finishReason,
        @JsonProperty("tokens") List<TokenRecord> tokens,
        @JsonProperty("frame_evidence") List<Double> frameEvidence,
        @JsonProperty("timings") RunTimings timings) {

    public Outcome {
        reasoning = reasoning == null ? "" : reasoning;
        answer = answer == null ? "" : answer;
        text = text == null ? "" : text;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        frameEvidence = frameEvidence == null ? List.of() : List.copyOf(frameEvidence);
    }
}
