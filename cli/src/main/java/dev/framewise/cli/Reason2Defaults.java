package dev.framewise.cli;

import dev.framewise.engine.api.GenerationParams;
import picocli.CommandLine.ParseResult;

/**
 * For a Cosmos-Reason2 (Qwen3-VL) model, the sampling options the user did not give take cosmos-reason2's
 * defaults ({@link #sampling}) instead of the Cosmos-Reason1 figures the help shows; options given on the command
 * line always win.
 */
final class Reason2Defaults {
    private Reason2Defaults() {
    }

    static GenerationParams apply(GenerationParams given, ParseResult parsed, boolean reasoning) {
        GenerationParams d = sampling(reasoning);
        GenerationParams.Builder b = given.toBuilder();
        if (!parsed.hasMatchedOption("--max-tokens")) b.maxTokens(d.maxTokens());
        if (!parsed.hasMatchedOption("--temperature")) b.temperature(d.temperature());
        if (!parsed.hasMatchedOption("--top-p")) b.topP(d.topP());
        if (!parsed.hasMatchedOption("--top-k")) b.topK(d.topK());
        if (!parsed.hasMatchedOption("--repetition-penalty")) b.repetitionPenalty(d.repetitionPenalty());
        if (!parsed.hasMatchedOption("--presence-penalty")) b.presencePenalty(d.presencePenalty());
        if (!parsed.hasMatchedOption("--frequency-penalty")) b.frequencyPenalty(d.frequencyPenalty());
        return b.build();
    }

    /**
     * The sampling cosmos_reason2_utils/script/inference.py uses ({@code SamplingOverrides.get_defaults}, taken from
     * Qwen3-VL's evaluation settings): 4096 new tokens, top-k 20, no repetition penalty; with reasoning
     * temperature 0.6, top-p 0.95, no presence penalty; without, temperature 0.7, top-p 0.8, presence penalty 1.5.
     * Its fixed seeds (1234, 3407) are not taken: a run draws a fresh seed and records it, as every run here does.
     */
    static GenerationParams sampling(boolean reasoning) {
        GenerationParams.Builder common = GenerationParams.builder().maxTokens(4096).topK(20).repetitionPenalty(1.0);
        return reasoning ? common.topP(0.95).presencePenalty(0.0).temperature(0.6).build()
                : common.topP(0.8).presencePenalty(1.5).temperature(0.7).build();
    }
}
