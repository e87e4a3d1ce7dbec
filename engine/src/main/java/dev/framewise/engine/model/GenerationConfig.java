package dev.framewise.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint's {@code generation_config.json}: the ids that end generation and the checkpoint's own
 * sampling suggestions (null when it gives none).
 */
public record GenerationConfig(List<Integer> eosTokenIds, Integer bosTokenId, Integer padTokenId, boolean doSample,
                               Double temperature, Double topP, Integer topK, Double repetitionPenalty) {

    public static final String FILE_NAME = "generation_config.json";

    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /**
     * Reads {@code generation_config.json}; when the folder has none, the end-of-sequence ids come from
     * {@code config.json}'s {@code eos_token_id}.
     */
    public static GenerationConfig read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        JsonFields f = JsonFields.read(Files.isRegularFile(file) ? file : modelDir.resolve(ModelConfig.FILE_NAME));
        List<Integer> eos = f.intOrIntList("eos_token_id");
        if (eos.isEmpty()) {
            throw new ModelFormatException(file + ": field 'eos_token_id' is missing: without it generation cannot "
                    + "tell when the answer ends");
        }
        return new GenerationConfig(eos, f.has("bos_token_id") ? f.requireInt("bos_token_id") : null,
                f.has("pad_token_id") ? f.requireInt("pad_token_id") : null, f.optBoolean("do_sample", false),
                f.has("temperature") ? f.requireDouble("temperature") : null,
                f.has("top_p") ? f.requireDouble("top_p") : null, f.has("top_k") ? f.requireInt("top_k") : null,
                f.has("repetition_penalty") ? f.requireDouble("repetition_penalty") : null);
    }
}
