package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One combination a prompt lab tries: the question and what is asked with it. A null field means "the prompt
 * convention's value" (as for {@code framewise ask} without that flag), so a lab records only what the user set;
 * a null {@code model} is the model loaded in the workbench, otherwise a model folder or a server URL (optionally
 * followed by the server's model name). {@code evidence} asks for frame evidence (null: off);
 * {@code timestampOverlay} draws each video frame's time in (null: as the model was loaded); {@code template} is
 * a question template's title whose text replaces the question (null: the question as typed). The last three are
 * written only when set, so labs saved before them read the same.
 */
public record LabVariant(
        @JsonProperty("question") String question,
        @JsonProperty("system_prompt") String systemPrompt,
        @JsonProperty("reasoning_format") boolean reasoningFormat,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("seed") Long seed,
        @JsonProperty("fps") Double fps,
        @JsonProperty("max_pixels") Integer maxPixels,
        @JsonProperty("clip_start") Double clipStart,
        @JsonProperty("clip_end") Double clipEnd,
        @JsonProperty("model") String model,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("evidence") Boolean evidence,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("timestamp_overlay") Boolean timestampOverlay,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("template") String template) {

    public LabVariant {
        Objects.requireNonNull(question, "lab question");
    }

    /** A variant without frame evidence, timestamp-overlay choice or template. */
    public LabVariant(String question, String systemPrompt, boolean reasoningFormat, Double temperature, Double topP,
                      Integer maxTokens, Long seed, Double fps, Integer maxPixels, Double clipStart, Double clipEnd,
                      String model) {
        this(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart,
                clipEnd, model, null, null, null);
    }

    /** A question with everything else at the convention's values and the reasoning format on. */
    public static LabVariant of(String question) {
        return new LabVariant(question, null, true, null, null, null, null, null, null, null, null, null);
    }

    public LabVariant withQuestion(String v) {
        return new LabVariant(v, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withSystemPrompt(String v) {
        return new LabVariant(question, v, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withReasoningFormat(boolean v) {
        return new LabVariant(question, systemPrompt, v, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withTemperature(Double v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, v, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withTopP(Double v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, v, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withMaxTokens(Integer v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, v, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withSeed(Long v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, v, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withFps(Double v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, v, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withMaxPixels(Integer v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, v, clipStart, clipEnd, model, evidence, timestampOverlay, template);
    }

    public LabVariant withModel(String v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, v, evidence, timestampOverlay, template);
    }

    public LabVariant withEvidence(Boolean v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, v, timestampOverlay, template);
    }

    public LabVariant withTimestampOverlay(Boolean v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, v, template);
    }

    public LabVariant withTemplate(String v) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, clipStart, clipEnd, model, evidence, timestampOverlay, v);
    }

    public LabVariant withClip(Double start, Double end) {
        return new LabVariant(question, systemPrompt, reasoningFormat, temperature, topP, maxTokens, seed, fps, maxPixels, start, end, model, evidence, timestampOverlay, template);
    }
}
