package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.api.GenerationParams;

import java.util.List;

/**
 * Every generation parameter of a run, with the seed actually used (so a sampled run can be repeated
 * exactly). Mirrors {@link GenerationParams} field for field; a file written before the presence and frequency
 * penalties existed reads them as 0, which is what those runs used, and a run without them writes neither.
 */
public record RunParams(
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("top_p") double topP,
        @JsonProperty("top_k") int topK,
        @JsonProperty("repetition_penalty") double repetitionPenalty,
        @JsonProperty("seed") Long seed,
        @JsonProperty("stop") List<String> stop,
        @JsonProperty("ignore_eos") boolean ignoreEos,
        @JsonProperty("top_logprobs") int topLogprobs,
        @JsonProperty("evidence") boolean evidence,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("frequency_penalty") Double frequencyPenalty) {

    public RunParams {
        stop = stop == null ? List.of() : List.copyOf(stop);
        // absent from files written before these penalties existed: those runs used none
        presencePenalty = presencePenalty == null ? 0.0 : presencePenalty;
        frequencyPenalty = frequencyPenalty == null ? 0.0 : frequencyPenalty;
    }

    /** Without presence or frequency penalty. */
    public RunParams(int maxTokens, double temperature, double topP, int topK, double repetitionPenalty, Long seed,
                     List<String> stop, boolean ignoreEos, int topLogprobs, boolean evidence) {
        this(maxTokens, temperature, topP, topK, repetitionPenalty, seed, stop, ignoreEos, topLogprobs, evidence, 0.0, 0.0);
    }

    /** The request's parameters with the seed the engine reports it used (a null request seed draws one). */
    public static RunParams of(GenerationParams params, Long usedSeed) {
        return new RunParams(params.maxTokens(), params.temperature(), params.topP(), params.topK(),
                params.repetitionPenalty(), usedSeed != null ? usedSeed : params.seed(), params.stop(),
                params.ignoreEos(), params.topLogprobs(), params.evidence(), params.presencePenalty(),
                params.frequencyPenalty());
    }

    /** The parameters to repeat this run with the same seed. */
    public GenerationParams toGenerationParams() {
        return GenerationParams.builder().maxTokens(maxTokens).temperature(temperature).topP(topP).topK(topK)
                .repetitionPenalty(repetitionPenalty).seed(seed).stop(stop).ignoreEos(ignoreEos)
                .topLogprobs(topLogprobs).evidence(evidence).presencePenalty(presencePenalty)
                .frequencyPenalty(frequencyPenalty).build();
    }
}
