package dev.framewise.engine.store.sizing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ParameterCounts;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.model.ModelFormatException;
import dev.framewise.engine.model.SafetensorsFile;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.discovery.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much memory a model needs, from its config.json and weights (headers only, nothing is loaded).
 *
 * <ul>
 *   <li><b>Weights</b>: exact parameters and bytes per dtype from the safetensors headers when the shards are
 *   present, else the index's {@code metadata.total_size} with config.json's {@code torch_dtype}, else the
 *   parameter count implied by the config.</li>
 *   <li><b>KV cache</b>: {@code 2 (K and V) · layers · kv_heads · head_dim · bytes per element · tokens}.</li>
 *   <li><b>Vision</b>: a video of S seconds sampled at F fps as qwen-vl-utils does it
 *   ({@link QwenVideoSampler}: frame count, per-frame pixel budget, smart_resize to multiples of 28), then
 *   {@code patches P = ⌈frames/2⌉ · (h/14) · (w/14)}, {@code tokens = P/4}. Activation estimate, with b bytes
 *   per activation and the vision config's hidden size H, MLP size I, heads A:
 *   {@code pixel values P·(3·2·14·14)·4} + {@code one block's working set P·(6H + 2I)·b} (residual, norm, q/k/v,
 *   attention output, gate and up projections) + {@code attention scores A·S²·4} for the largest full-attention
 *   segment S = (h/14)(w/14) (what an unfused kernel materialises) + {@code merged output tokens·out_hidden·b}.</li>
 * </ul>
 */
public final class ModelSizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelSizer() {
    }

    /** Parameters and bytes of the weights, per dtype; {@code source} says where the figures come from. */
    public record WeightsSize(long parameters, long bytes, Map<String, long[]> byDtype, String source) {
        public WeightsSize {
            byDtype = Map.copyOf(byDtype);
        }
    }

    /** A sampled video as the vision tower sees it, and the activation memory it takes to encode. */
    public record VisionLoad(int frames, int height, int width, long patches, long tokens, long activationBytes) {
    }

    /** Bytes per element of a dtype name (torch_dtype or safetensors dtype). */
    public static int dtypeBytes(String dtype) {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "bfloat16", "bf16", "float16", "f16", "fp16", "half" -> 2;
            case "float32", "f32", "fp32", "float" -> 4;
            case "int8", "i8", "u8", "uint8", "f8_e4m3", "f8_e5m2" -> 1;
            default -> throw new IllegalArgumentException("unknown dtype '" + dtype + "'");
        };
    }

    /** Parameters of the language model and the vision tower: the sums of the shapes of its family's tensors. */
    public static ParameterCounts parameterCounts(ModelConfig config) {
        return ModelFamilies.forModelType(config.modelType()).parameterCounts(config);
    }

    /** {@code 2 · layers · kv_heads · head_dim · bytes · tokens}. */
    public static long kvCacheBytes(TextConfig text, long tokens, int bytesPerElement) {
        return 2L * text.numLayers() * text.numKvHeads() * text.headDim() * bytesPerElement * tokens;
    }

    /** The weights of a model folder (see the class comment for the order of sources). */
    public static WeightsSize weights(Path folder, ModelConfig config) {
        try {
            List<String> files = ModelFiles.weightFiles(folder);
            if (files.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)))) {
                Map<String, long[]> byDtype = new TreeMap<>();
                for (String f : files) {
                    for (SafetensorsFile.TensorInfo t : SafetensorsFile.open(folder.resolve(f)).tensors().values()) {
                        long[] sums = byDtype.computeIfAbsent(t.dtype().name(), k -> new long[2]);
                        sums[0] += t.numel();
                        sums[1] += t.end() - t.begin();
                    }
                }
                return fromDtypes(byDtype, "safetensors headers");
            }
            Path index = folder.resolve(ModelFiles.WEIGHTS_INDEX);
            String torchDtype = torchDtype(folder);
            if (Files.isRegularFile(index)) {
                long total = JSON.readTree(index.toFile()).path("metadata").path("total_size").asLong(-1);
                if (total > 0) {
                    int b = dtypeBytes(torchDtype);
                    return fromDtypes(Map.of(torchDtype.toUpperCase(Locale.ROOT), new long[] {total / b, total}),
                            ModelFiles.WEIGHTS_INDEX + " total_size");
                }
            }
            long params = parameterCounts(config).total();
            return fromDtypes(Map.of(torchDtype.toUpperCase(Locale.ROOT), new long[] {params,
                    params * dtypeBytes(torchDtype)}), "config.json");
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the weights of " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    private static WeightsSize fromDtypes(Map<String, long[]> byDtype, String source) {
        long params = byDtype.values().stream().mapToLong(s -> s[0]).sum();
        long bytes = byDtype.values().stream().mapToLong(s -> s[1]).sum();
        return new WeightsSize(params, bytes, byDtype, source);
    }

    private static String torchDtype(Path folder) throws IOException {
        return JSON.readTree(folder.resolve(ModelFiles.CONFIG).toFile()).path("torch_dtype").asText("bfloat16");
    }

    /**
     * The vision load of a {@code seconds}-long video of {@code width × height} frames at {@code sourceFps},
     * sampled at {@code fps} with qwen-vl-utils' defaults otherwise.
     */
    public static VisionLoad videoLoad(ModelConfig config, double fps, double seconds, int width, int height,
                                       double sourceFps, int activationBytes) {
        VisionConfig v = config.vision();
        long totalFrames = Math.max(1, Math.round(seconds * sourceFps));
        // The family's qwen-vl-utils release samples the video, as it will when the question is asked.
        QwenVideoSampler.Rules rules = ModelFamilies.forModelType(config.modelType()).mediaPlanning().videoRules();
        QwenVideoSampler.SamplingPlan plan = QwenVideoSampler.plan(rules, VideoSampling.fps(fps), totalFrames,
                sourceFps, height, width);
        int frames = plan.nframes();
        long gridT = (frames + v.temporalPatchSize() - 1) / v.temporalPatchSize();
        long gridH = plan.resizedHeight() / v.patchSize();
        long gridW = plan.resizedWidth() / v.patchSize();
        long segment = gridH * gridW;
        long patches = gridT * segment;
        long tokens = patches / ((long) v.spatialMergeSize() * v.spatialMergeSize());
        return new VisionLoad(frames, plan.resizedHeight(), plan.resizedWidth(), patches, tokens,
                visionActivationBytes(v, patches, segment, activationBytes));
    }

    /**
     * The activation memory of encoding {@code patches} patches whose largest full-attention segment (one frame's
     * grid) is {@code segment} patches, at {@code activationBytes} per activation (see the class comment).
     */
    public static long visionActivationBytes(VisionConfig v, long patches, long segment, int activationBytes) {
        long tokens = patches / ((long) v.spatialMergeSize() * v.spatialMergeSize());
        long valuesPerPatch = (long) v.inChannels() * v.temporalPatchSize() * v.patchSize() * v.patchSize();
        long pixelValues = patches * valuesPerPatch * 4L;
        long blockWorkingSet = patches * (6L * v.hiddenSize() + 2L * v.intermediateSize()) * activationBytes;
        long attentionScores = (long) v.numHeads() * segment * segment * 4L;
        long merged = tokens * v.outHiddenSize() * activationBytes;
        return pixelValues + blockWorkingSet + attentionScores + merged;
    }
}
