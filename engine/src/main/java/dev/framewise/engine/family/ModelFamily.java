package dev.framewise.engine.family;

import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.PreprocessorConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * One architecture the engine runs (in the spirit of Jlama's {@code ModelSupport.ModelType}): everything that
 * differs between model families sits behind this interface, and {@link ModelFamilies} lists the families. A
 * family owns the {@code model_type}s it accepts, how its {@code config.json} becomes a {@link ModelConfig}, the
 * checkpoint tensors it needs (names and shapes; parameter counts are their sums), its TorchScript program, the
 * factories of its language model, vision encoder and media path ({@link MediaPrompts}), its image preprocessing,
 * its media sampling rules ({@link MediaPlanning}) and the prompt convention its models are asked with.
 */
public interface ModelFamily {

    /** The family's name for people ("Qwen2.5-VL"). */
    String name();

    /** The {@code config.json} {@code model_type}s this family runs, each in exactly one family. */
    List<String> modelTypes();

    /** Whether a model of this type has a vision tower (and so needs {@code preprocessor_config.json}). */
    boolean hasVision(String modelType);

    /** {@code config.json}'s fields (model_type already checked to be one of {@link #modelTypes()}) as records. */
    ModelConfig parseConfig(String modelType, JsonFields config);

    /** The language model's checkpoint tensors the config implies (lm_head only where it is not tied). */
    List<TensorShape> languageTensors(ModelConfig config);

    /** The vision tower's checkpoint tensors; empty for a text-only model. */
    List<TensorShape> visionTensors(ModelConfig config);

    /** The class name of the family's TorchScript program: its own namespace. */
    String programName();

    /** Class-path resources of the family's TorchScript source ({@link TensorProgram} adds the shared kernels). */
    List<String> programSources();

    /** The family's program on the fastest matrix kernels this libtorch has. */
    default TensorProgram loadProgram() {
        return TensorProgram.loadModelProgram(programName(), programSources());
    }

    /** The family's program on plain matrix products only, as on a libtorch without oneDNN or fbgemm. */
    default TensorProgram loadPlainProgram() {
        return TensorProgram.loadPlainModelProgram(programName(), programSources());
    }

    /** Maps and prepares the language model's weights; {@code progress} gets 0..1 as layers are ready. */
    LanguageModel loadLanguageModel(TensorProgram program, ModelConfig config, Weights checkpoint,
                                    Precision precision, ComputeDevice device, DoubleConsumer progress);

    /**
     * As {@link #loadLanguageModel(TensorProgram, ModelConfig, Weights, Precision, ComputeDevice, DoubleConsumer)},
     * with the output projection in {@code lmHead} (bf16, int8 or int4) beside int8 / int4 weights; a family whose
     * program has no quantised output projection ignores it.
     */
    default LanguageModel loadLanguageModel(TensorProgram program, ModelConfig config, Weights checkpoint,
                                            Precision precision, ComputeDevice device, DoubleConsumer progress,
                                            Precision lmHead) {
        return loadLanguageModel(program, config, checkpoint, precision, device, progress);
    }

    /** Maps the vision tower's weights; only for a config with a vision tower. */
    VisionEncoder loadVisionEncoder(TensorProgram program, ModelConfig config, Weights checkpoint,
                                    Precision precision, ComputeDevice device);

    /**
     * The family's media path for a loaded language model: its vision tower (none for a text-only model), media
     * inputs, vision-embedding cache and prompt preparation. The embedded backend asks every family the same way:
     * families differ in the kind of their vision inputs (Qwen3-VL's DeepStack features and timestamp texts), not
     * only in numbers.
     */
    MediaPrompts loadMediaPrompts(TensorProgram program, LanguageModel model, ModelConfig config, Weights checkpoint,
                                  MediaSetup setup);

    /**
     * How {@code ask --prompt}, {@code batch} and the workbench ask a model of this family: system prompt, reasoning
     * format, sampling and video sampling.
     */
    PromptConvention promptConvention();

    /**
     * The image processor's settings (patch and merge size, pixel bounds, normalisation) of a model folder: its
     * {@code preprocessor_config.json}, as both Qwen families read it.
     */
    default PreprocessorConfig preprocessor(Path modelDir) {
        return PreprocessorConfig.load(modelDir);
    }

    /**
     * How the family samples and plans media before decoding them (qwen-vl-utils' video rules of its release, image
     * sizes, cost preview, sizing, planned token counts).
     */
    MediaPlanning mediaPlanning();

    /** Parameters of the language model and of the vision tower: the sums of their tensors' shapes. */
    default ParameterCounts parameterCounts(ModelConfig config) {
        return new ParameterCounts(sum(languageTensors(config)), sum(visionTensors(config)));
    }

    private static long sum(List<TensorShape> tensors) {
        return tensors.stream().mapToLong(TensorShape::numel).sum();
    }
}
