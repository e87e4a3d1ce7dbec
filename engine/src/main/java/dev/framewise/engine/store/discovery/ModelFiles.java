package dev.framewise.engine.store.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.family.ModelFamilies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files a checkpoint folder of a supported model family ({@link ModelFamilies}) is made of, in the Hugging Face layout: config.json, the
 * weights (one {@code model.safetensors}, or shards listed by {@code model.safetensors.index.json}), the
 * tokenizer and the chat template (and the image processor's settings for vision models).
 */
public final class ModelFiles {
    public static final String CONFIG = "config.json";
    public static final String SINGLE_WEIGHTS = "model.safetensors";
    public static final String WEIGHTS_INDEX = "model.safetensors.index.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String PREPROCESSOR = "preprocessor_config.json";
    private static final List<String> CHAT_TEMPLATES = List.of("chat_template.json", "chat_template.jinja");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /** config.json's {@code model_type} when the folder holds a supported model, else empty. */
    public static Optional<String> supportedModelType(Path folder) {
        Path config = folder.resolve(CONFIG);
        if (!Files.isRegularFile(config)) return Optional.empty();
        try {
            String type = JSON.readTree(config.toFile()).path("model_type").asText("");
            return ModelFamilies.find(type).map(family -> type);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The weight files (relative names) the folder's index lists, or {@code model.safetensors} without index. */
    public static List<String> weightFiles(Path folder) throws IOException {
        Path index = folder.resolve(WEIGHTS_INDEX);
        if (!Files.exists(index)) return List.of(SINGLE_WEIGHTS);
        JsonNode weightMap = JSON.readTree(index.toFile()).path("weight_map");
        if (!weightMap.isObject() || weightMap.isEmpty()) {
            throw new IOException(WEIGHTS_INDEX + " has no weight_map");
        }
        Set<String> shards = new TreeSet<>();
        for (Iterator<JsonNode> it = weightMap.elements(); it.hasNext(); ) shards.add(it.next().asText());
        return List.copyOf(shards);
    }

    /** Whether a chat template is present: its own file, or {@code chat_template} in tokenizer_config.json. */
    public static boolean hasChatTemplate(Path folder) {
        for (String name : CHAT_TEMPLATES) if (Files.isRegularFile(folder.resolve(name))) return true;
        Path tokenizerConfig = folder.resolve(TOKENIZER_CONFIG);
        if (!Files.isRegularFile(tokenizerConfig)) return false;
        try {
            return JSON.readTree(tokenizerConfig.toFile()).hasNonNull("chat_template");
        } catch (IOException e) {
            return false;
        }
    }

    /** Required files that are absent (an unreadable index counts as missing). Empty for a complete folder. */
    public static List<String> missing(Path folder, String modelType) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(folder.resolve(CONFIG))) missing.add(CONFIG);
        try {
            for (String weights : weightFiles(folder)) {
                if (!Files.isRegularFile(folder.resolve(weights))) missing.add(weights);
            }
        } catch (IOException e) {
            missing.add(WEIGHTS_INDEX);
        }
        if (!Files.isRegularFile(folder.resolve(TOKENIZER))) missing.add(TOKENIZER);
        if (!hasChatTemplate(folder)) missing.add("chat template");
        boolean vision = ModelFamilies.find(modelType).map(f -> f.hasVision(modelType)).orElse(false);
        if (vision && !Files.isRegularFile(folder.resolve(PREPROCESSOR))) {
            missing.add(PREPROCESSOR);
        }
        return missing;
    }
}
