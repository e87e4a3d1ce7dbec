package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.family.MediaPlanning;
import dev.framewise.engine.family.MediaPrompts;
import dev.framewise.engine.family.MediaSetup;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelFormatException;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Qwen3-VL (Qwen3-VL-2B/4B/8B Instruct and Thinking, NVIDIA Cosmos-Reason2): a Qwen3 decoder with q/k norms,
 * interleaved M-RoPE and DeepStack ({@code qwen3_vl_text.py}), and a vision tower with a learned position table and
 * DeepStack mergers ({@code qwen3_vl_vision.py}). Its program also holds {@code qwen2_text.py}, whose decoder helpers
 * (matrix preparation and products, KV cache, norms, rotary helpers, SwiGLU) it shares; its own functions are
 * prefixed {@code q3_}. The vision tower is {@link Qwen3VisionTower}, not {@link VisionEncoder}: the embedded
 * backend loads it with the family's media path.
 */
public final class Qwen3VlFamily implements ModelFamily {
    public static final Qwen3VlFamily INSTANCE = new Qwen3VlFamily();

    private static final String OWN = "/dev/framewise/engine/family/qwen3vl/";

    private Qwen3VlFamily() {
    }

    @Override
    public String name() {
        return "Qwen3-VL";
    }

    @Override
    public List<String> modelTypes() {
        return List.of(Qwen3VlConfig.MODEL_TYPE);
    }

    @Override
    public boolean hasVision(String modelType) {
        return true;
    }

    @Override
    public ModelConfig parseConfig(String modelType, JsonFields config) {
        return Qwen3VlConfig.from(config).toModelConfig();
    }

    /** The family's own config record inside a {@link ModelConfig} this family parsed. */
    public static Qwen3VlConfig config(ModelConfig config) {
        if (config.familyConfig() instanceof Qwen3VlConfig own) return own;
        throw new ModelFormatException("a " + config.modelType() + " config is not a Qwen3-VL config");
    }

    @Override
    public List<TensorShape> languageTensors(ModelConfig config) {
        boolean tied = config.text().tieWordEmbeddings();
        // A tied lm_head is the embedding matrix: the checkpoint may omit it, and it counts once.
        return Qwen3TextLayout.INSTANCE.tensorShapes(config.text()).stream()
                .filter(t -> !(tied && t.name().equals("lm_head.weight"))).toList();
    }

    @Override
    public List<TensorShape> visionTensors(ModelConfig config) {
        return Qwen3VisionTower.tensorShapes(config(config).vision());
    }

    @Override
    public String programName() {
        return "Qwen3VL";
    }

    @Override
    public List<String> programSources() {
        return List.of("/dev/framewise/engine/family/qwen25vl/qwen2_text.py", OWN + "qwen3_vl_text.py",
                OWN + "qwen3_vl_vision.py");
    }

    @Override
    public LanguageModel loadLanguageModel(TensorProgram program, ModelConfig config, Weights checkpoint,
                                           Precision precision, ComputeDevice device, DoubleConsumer progress) {
        return LanguageModel.load(program, config.text(), checkpoint, precision, device, progress,
                Qwen3TextLayout.INSTANCE);
    }

    @Override
    public LanguageModel loadLanguageModel(TensorProgram program, ModelConfig config, Weights checkpoint,
                                           Precision precision, ComputeDevice device, DoubleConsumer progress,
                                           Precision lmHead) {
        return LanguageModel.load(program, config.text(), checkpoint, precision, device, progress,
                Qwen3TextLayout.INSTANCE, lmHead);
    }

    /** Refused: the Qwen3-VL tower is {@link #loadVisionTower}. */
    @Override
    public VisionEncoder loadVisionEncoder(TensorProgram program, ModelConfig config, Weights checkpoint,
                                           Precision precision, ComputeDevice device) {
        throw new ModelFormatException("the Qwen3-VL vision tower (DeepStack, learned position table) is not the "
                + "Qwen2.5-VL encoder; this command does not run Qwen3-VL models yet");
    }

    /** Maps the Qwen3-VL vision tower's weights onto the device. */
    public Qwen3VisionTower loadVisionTower(TensorProgram program, ModelConfig config, Weights checkpoint,
                                            Precision precision, ComputeDevice device) {
        return Qwen3VisionTower.load(program, config(config).vision(), checkpoint, precision, device);
    }

    @Override
    public MediaPlanning mediaPlanning() {
        return Qwen3VlMediaPlanning.INSTANCE;
    }

    @Override
    public MediaPrompts loadMediaPrompts(TensorProgram program, LanguageModel model, ModelConfig config,
                                         Weights checkpoint, MediaSetup setup) {
        return Qwen3VlMediaPrompts.load(program, model, config, checkpoint, setup);
    }

    /** Cosmos-Reason2's: the reasoning format follows the question and the answer follows {@code </think>}. */
    @Override
    public PromptConvention promptConvention() {
        return PromptConvention.COSMOS_REASON2;
    }
}
