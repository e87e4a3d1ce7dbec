package dev.framewise.cli;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the generation options ({@code --max-tokens}, {@code --temperature}, …) taken from the
 * {@link PromptConvention}, so that {@code ask}, {@code serve} and the workbench cannot drift apart and the help
 * shows the convention's figures.
 */
public final class ConventionDefaults implements IDefaultValueProvider {
    static final PromptConvention CONVENTION = PromptConvention.COSMOS_REASON1;

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) return null;
        GenerationParams p = CONVENTION.sampling();
        return switch (option.longestName()) {
            case "--max-tokens", "--default-max-tokens" -> Integer.toString(p.maxTokens());
            case "--temperature" -> Double.toString(p.temperature());
            case "--top-p" -> Double.toString(p.topP());
            case "--top-k" -> Integer.toString(p.topK());
            case "--repetition-penalty" -> Double.toString(p.repetitionPenalty());
            case "--presence-penalty" -> Double.toString(p.presencePenalty());
            case "--frequency-penalty" -> Double.toString(p.frequencyPenalty());
            case "--top-logprobs" -> Integer.toString(p.topLogprobs());
            default -> null;
        };
    }
}
