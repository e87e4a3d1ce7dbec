package dev.framewise.engine.store.sizing;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ParameterCounts;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.store.device.DecodeSpeed;
import dev.framewise.engine.store.device.MemoryStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model sized up against this machine: parameters, weights, KV cache and vision needs, on GPU and CPU, the
 * free memory and the verdict. Built by {@link #assess}; the GPU plan is bf16 throughout, the CPU plan follows
 * {@link SizeRequest#fp32OnCpu()}.
 *
 * @param visionGpu null without a video in the request (likewise visionCpu)
 * @param speed     the decoding speed model the verdict's CPU estimate comes from
 */
public record SizeReport(Path folder, ModelConfig config, long languageParameters, long visionParameters,
                         ModelSizer.WeightsSize weights, SizeRequest request, ModelSizer.VisionLoad visionGpu,
                         ModelSizer.VisionLoad visionCpu, FitCheck.MemoryNeed gpu, FitCheck.MemoryNeed cpu,
                         MemoryStatus memory, DecodeSpeed speed, FitCheck.Verdict verdict) {
    /** CUDA context and libtorch kernels take about this much GPU memory before any tensor. */
    public static final long GPU_RUNTIME_BYTES = 1L << 30;
    /** libtorch's CPU libraries and allocator pools. */
    public static final long CPU_RUNTIME_BYTES = 512L << 20;

    /** As {@link #assess(Path, SizeRequest, MemoryStatus, DecodeSpeed)} with the bandwidth alone (no overhead). */
    public static SizeReport assess(Path folder, SizeRequest request, MemoryStatus memory, double bandwidth) {
        return assess(folder, request, memory, DecodeSpeed.bandwidthOnly(bandwidth));
    }

    /**
     * Sizes the model in {@code folder} up; its CPU decoding speed is {@code speed}'s (see {@link FitCheck}), or not
     * estimated where {@code speed} is null.
     */
    public static SizeReport assess(Path folder, SizeRequest request, MemoryStatus memory, DecodeSpeed speed) {
        ModelConfig config = ModelFamilies.readConfig(folder);
        ModelSizer.WeightsSize weights = ModelSizer.weights(folder, config);
        ParameterCounts parameters = ModelSizer.parameterCounts(config);
        long language = parameters.language();
        long vision = parameters.vision();
        int cpuBytes = request.fp32OnCpu() ? 4 : 2;
        ModelSizer.VisionLoad visionGpu = null;
        ModelSizer.VisionLoad visionCpu = null;
        if (request.hasVideo() && config.hasVision()) {
            visionGpu = ModelSizer.videoLoad(config, request.fps(), request.seconds(), request.frameWidth(),
                    request.frameHeight(), request.sourceFps(), 2);
            visionCpu = ModelSizer.videoLoad(config, request.fps(), request.seconds(), request.frameWidth(),
                    request.frameHeight(), request.sourceFps(), cpuBytes);
        }
        // Weights are held as stored on the GPU (bf16 checkpoints); on the CPU at the chosen precision, plus a packed
        // copy of lm_head when it is tied to the embedding (LanguageModel packs every matrix but the embedding).
        long gpuWeights = weights.bytes();
        long tiedLmHead = config.text().tieWordEmbeddings()
                ? (long) config.text().vocabSize() * config.text().hiddenSize() * cpuBytes : 0;
        long cpuWeights = (request.fp32OnCpu() ? weights.parameters() * 4 : weights.bytes()) + tiedLmHead;
        FitCheck.MemoryNeed gpu = new FitCheck.MemoryNeed(gpuWeights,
                ModelSizer.kvCacheBytes(config.text(), request.contextTokens(), 2),
                visionGpu == null ? 0 : visionGpu.activationBytes(), GPU_RUNTIME_BYTES);
        long cpuKv = ModelSizer.kvCacheBytes(config.text(), request.contextTokens(), 4); // float32 on the CPU
        FitCheck.MemoryNeed cpu = new FitCheck.MemoryNeed(cpuWeights, cpuKv,
                visionCpu == null ? 0 : visionCpu.activationBytes(), CPU_RUNTIME_BYTES);
        // A step reads every language-model matrix once and the whole KV cache; of the embedding only one row, so an
        // embedding apart from lm_head (not tied) is left out; a tied one is read once, as lm_head.
        long embeddingRead = config.text().tieWordEmbeddings() ? 0
                : (long) config.text().vocabSize() * config.text().hiddenSize();
        long decodeBytes = (language - embeddingRead) * cpuBytes + cpuKv;
        List<FitCheck.CpuPlan> plans = new ArrayList<>();
        plans.add(new FitCheck.CpuPlan(request.fp32OnCpu() ? Precision.FP32 : Precision.BF16, cpu, decodeBytes));
        if (!request.fp32OnCpu()) {
            // The language model's matrices quantised (lm_head in bf16, as LanguageModel loads it by default), the
            // rest as in the bf16 plan.
            List<TensorShape> tensors = ModelFamilies.forModelType(config.modelType()).languageTensors(config);
            long bf16Language = Precision.BF16.languageWeightBytes(tensors);
            for (Precision p : List.of(Precision.INT8, Precision.INT4)) {
                long language8or4 = p.languageWeightBytes(tensors);
                FitCheck.MemoryNeed need = new FitCheck.MemoryNeed(cpuWeights - bf16Language + language8or4, cpuKv,
                        cpu.vision(), CPU_RUNTIME_BYTES);
                plans.add(new FitCheck.CpuPlan(p, need, language8or4 - embeddingRead * 2 + cpuKv));
            }
        }
        FitCheck.Verdict verdict = FitCheck.judge(gpu, plans, memory, speed, config.text().numLayers());
        return new SizeReport(folder, config, language, vision, weights, request, visionGpu, visionCpu, gpu, cpu,
                memory, speed, verdict);
    }
}
