package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.family.MediaPlanning;
import dev.framewise.engine.family.MediaPrompts;
import dev.framewise.engine.family.MediaSetup;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.MediaEncoder;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelFormatException;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.VisionEmbeddingCache;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.VisionInputs;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Qwen2.5-VL (Cosmos-Reason1) and the plain Qwen2 text models: a Qwen2 decoder with M-RoPE
 * ({@code qwen2_text.py}) and, for {@code qwen2_5_vl}, the window-attention vision tower
 * ({@code qwen2_5_vl_vision.py}).
 */
public final class Qwen25VlFamily implements ModelFamily {
    public static final Qwen25VlFamily INSTANCE = new Qwen25VlFamily();

    static final String VISION_TYPE = "qwen2_5_vl";
    static final String TEXT_TYPE = "qwen2";
    private static final String SOURCES = "/dev/framewise/engine/family/qwen25vl/";

    private Qwen25VlFamily() {
    }

    @Override
    public String name() {
        return "Qwen2.5-VL";
    }

    @Override
    public List<String> modelTypes() {
        return List.of(VISION_TYPE, TEXT_TYPE);
    }

    @Override
    public boolean hasVision(String modelType) {
        return modelType.equals(VISION_TYPE);
    }

    @Override
    public ModelConfig parseConfig(String modelType, JsonFields root) {
        return Qwen25VlConfigReader.parse(modelType, root);
    }

    @Override
    public List<TensorShape> languageTensors(ModelConfig config) {
        TextConfig text = config.text();
        // A tied lm_head is the embedding matrix: the checkpoint may omit it, and it counts once.
        return LanguageModel.tensorShapes(text).stream()
                .filter(t -> !(text.tieWordEmbeddings() && t.name().equals(LanguageModel.LM_HEAD))).toList();
    }

    @Override
    public List<TensorShape> visionTensors(ModelConfig config) {
        return config.hasVision() ? VisionEncoder.tensorShapes(config.vision()) : List.of();
    }

    @Override
    public String programName() {
        return "Qwen25VL";
    }

    @Override
    public List<String> programSources() {
        return List.of(SOURCES + "qwen2_text.py", SOURCES + "qwen2_5_vl_vision.py");
    }

    @Override
    public LanguageModel loadLanguageModel(TensorProgram program, ModelConfig config, Weights checkpoint,
                                           Precision precision, ComputeDevice device, DoubleConsumer progress) {
        return LanguageModel.load(program, config.text(), checkpoint, precision, device, progress);
    }

    @Override
    public LanguageModel loadLanguageModel(TensorProgram program, ModelConfig config, Weights checkpoint,
                                           Precision precision, ComputeDevice device, DoubleConsumer progress,
                                           Precision lmHead) {
        return LanguageModel.load(program, config.text(), checkpoint, precision, device, progress, lmHead);
    }

    @Override
    public VisionEncoder loadVisionEncoder(TensorProgram program, ModelConfig config, Weights checkpoint,
                                           Precision precision, ComputeDevice device) {
        if (!config.hasVision()) {
            throw new ModelFormatException("a " + config.modelType() + " model has no vision tower");
        }
        return VisionEncoder.load(program, config.vision(), checkpoint, precision, device);
    }

    @Override
    public MediaPlanning mediaPlanning() {
        return Qwen25MediaPlanning.INSTANCE;
    }

    /** The vision encoder and its media inputs, or none for a text-only Qwen2 (which then refuses media). */
    @Override
    public MediaPrompts loadMediaPrompts(TensorProgram program, LanguageModel model, ModelConfig config,
                                         Weights checkpoint, MediaSetup setup) {
        VisionEncoder vision = null;
        MediaEncoder media = null;
        if (config.hasVision()) {
            vision = loadVisionEncoder(program, config, checkpoint, setup.precision(), setup.device());
            VisionInputs inputs = new VisionInputs(new ImagePreprocessor(preprocessor(setup.modelDir())));
            media = new MediaEncoder(inputs, vision, new VisionEmbeddingCache(setup.visionCacheBytes()),
                    setup.modelKey(), setup.timestampOverlay());
        }
        return new Qwen25MediaPrompts(program, model, config, vision, media);
    }

    /** Cosmos-Reason1's: the reasoning format in the system prompt and the answer in {@code <answer>} tags. */
    @Override
    public PromptConvention promptConvention() {
        return PromptConvention.COSMOS_REASON1;
    }
}
