package dev.framewise.cli;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;
import picocli.CommandLine.ParseResult;

/**
 * For a Cosmos-Reason2 (Qwen3-VL) model, the sampling options the user did not give take cosmos-reason2's
 * defaults ({@link PromptConvention#sampling(boolean)}) instead of the Cosmos-Reason1 figures the help shows; options given on the command
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

    /** The convention's sampling ({@link PromptConvention#COSMOS_REASON2}, with or without the reasoning format). */
    static GenerationParams sampling(boolean reasoning) {
        return PromptConvention.COSMOS_REASON2.sampling(reasoning);
    }
}
