package dev.framewise.engine.family;

import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.family.qwen3vl.Qwen3VlFamily;
import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelFormatException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of the model families the engine runs: a plain list, one entry per family. To add a family, add its
 * package under {@code dev.framewise.engine.family} and its entry to {@link #ALL} (docs/architecture.md lists the
 * files a new family touches).
 */
public final class ModelFamilies {
    /** Every family, in the order they are described to users. */
    public static final List<ModelFamily> ALL = List.of(Qwen25VlFamily.INSTANCE, Qwen3VlFamily.INSTANCE);

    static {
        long types = ALL.stream().mapToLong(f -> f.modelTypes().size()).sum();
        if (ALL.stream().flatMap(f -> f.modelTypes().stream()).distinct().count() != types) {
            throw new IllegalStateException("two model families claim the same model_type");
        }
    }

    private ModelFamilies() {
    }

    /** The family that runs {@code modelType}, if any. */
    public static Optional<ModelFamily> find(String modelType) {
        return ALL.stream().filter(f -> f.modelTypes().contains(modelType)).findFirst();
    }

    /**
     * The family that runs {@code modelType}.
     *
     * @throws ModelFormatException naming the type and the supported families when none does
     */
    public static ModelFamily forModelType(String modelType) {
        return find(modelType).orElseThrow(() -> new ModelFormatException("model_type '" + modelType
                + "' is not supported: Framewise runs " + describeSupported()));
    }

    /** Every supported {@code model_type}, in registry order. */
    public static List<String> supportedModelTypes() {
        return ALL.stream().flatMap(f -> f.modelTypes().stream()).toList();
    }

    /** "Qwen2.5-VL (qwen2_5_vl, qwen2)" and so on, for messages. */
    public static String describeSupported() {
        return ALL.stream().map(f -> f.name() + " (" + String.join(", ", f.modelTypes()) + ")")
                .collect(Collectors.joining("; "));
    }

    /** The family of a model folder, from its {@code config.json}'s {@code model_type}. */
    public static ModelFamily of(Path modelDir) {
        return forModelType(JsonFields.read(modelDir.resolve(ModelConfig.FILE_NAME)).requireString("model_type"));
    }

    /**
     * The prompt convention a model is asked with before it is loaded ({@code ask --prompt}, {@code batch}): its
     * family's for a model folder of a supported type, Cosmos-Reason1's for a server (null) or a folder whose type
     * is unknown (loading it then says why).
     */
    public static PromptConvention convention(Path modelDirOrNull) {
        if (modelDirOrNull == null) return PromptConvention.COSMOS_REASON1;
        return find(JsonFields.read(modelDirOrNull.resolve(ModelConfig.FILE_NAME)).requireString("model_type"))
                .map(ModelFamily::promptConvention).orElse(PromptConvention.COSMOS_REASON1);
    }

    /** Reads {@code config.json} from a model folder with the parser of its family. */
    public static ModelConfig readConfig(Path modelDir) {
        JsonFields root = JsonFields.read(modelDir.resolve(ModelConfig.FILE_NAME));
        String type = root.requireString("model_type");
        return forModelType(type).parseConfig(type, root);
    }
}
