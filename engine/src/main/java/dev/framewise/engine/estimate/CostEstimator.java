package dev.framewise.engine.estimate;

import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.embedded.MediaPlan;
import dev.framewise.engine.embedded.PromptPlanner;
import dev.framewise.engine.generate.ContextBudget;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.sizing.ModelSizer;
import dev.framewise.engine.store.sizing.SizeReport;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The cost of a question on a model folder, before it runs and without loading weights (what
 * {@code framewise ask --dry-run} and the workbench's preview show): {@link PromptPlanner} for the frames, vision
 * tokens and prompt tokens; {@link ModelSizer} and {@link ContextBudget} for the memory; calibrated {@link Rates}
 * for the seconds (prefill by the prompt's length and what the prefix cache holds: {@link PrefillTime}). {@link #refine} feeds a real run's timings back into the rates.
 */
public final class CostEstimator implements AutoCloseable {
    private final PromptPlanner planner;
    private final Path modelDir;
    private final Precision precision;
    private final ComputeDevice device;
    private final int contextLimit;
    private final Calibration calibration;
    private final CalibrationKey key;
    private Rates rates; // null until the first estimate needs them (the micro-benchmark runs then)
    private boolean loadedKernelUsed;

    /** The plan behind an estimate: what {@link #refine} compares a run with. */
    public record Planned(PromptPlanner.Plan plan, CostEstimate estimate) {
    }

    private CostEstimator(PromptPlanner planner, Path modelDir, Precision precision, ComputeDevice device,
                          int contextLimit, Calibration calibration) {
        this.planner = planner;
        this.modelDir = modelDir;
        this.precision = precision;
        this.device = device;
        this.contextLimit = contextLimit;
        this.calibration = calibration;
        this.key = CalibrationKey.of(planner.family().name(), planner.config(), precision, device);
    }

    /**
     * An estimator for a model folder placed as {@code precision} on {@code device} ({@code auto}, {@code cpu},
     * {@code cuda}) with the context lowered to {@code contextLimit} (0: the model's).
     */
    public static CostEstimator open(Path modelDir, Precision precision, String device, int contextLimit,
                                     Calibration calibration) {
        PromptPlanner planner = PromptPlanner.open(modelDir);
        try {
            return new CostEstimator(planner, modelDir, precision, ComputeDevice.resolve(device), contextLimit,
                    calibration);
        } catch (RuntimeException e) {
            planner.close();
            throw e;
        }
    }

    public CalibrationKey key() {
        return key;
    }

    /** The rates in use: stored ones, else measured now by the micro-benchmark (and stored). */
    public synchronized Rates rates() {
        if (rates == null) {
            rates = calibration.rates(key, () -> MicroBenchmark.measure(planner.family(), planner.config(), precision,
                    device));
        }
        return rates;
    }

    /**
     * Re-derives a first-use prefill rate from the loaded model's own product kernel ({@code productFlopsPerSecond},
     * e.g. {@link dev.framewise.engine.api.InferenceBackend#prefillKernelFlopsPerSecond}): a real matrix of the
     * model, as its prefill multiplies with it, rather than the micro-benchmark's random one. Once per estimator,
     * and only while no run has refined the rates (a run's own prefill rate is better than either, and then the
     * kernel is not measured at all); stored for next time. Where {@code productFlopsPerSecond} has no figure (no
     * model loaded yet, or it is busy), it is asked again next time.
     */
    public synchronized void preferLoadedKernel(Supplier<OptionalDouble> productFlopsPerSecond) {
        if (loadedKernelUsed) return;
        Rates current = rates();
        if (current.runs() > 0) {
            loadedKernelUsed = true;
            return;
        }
        OptionalDouble loaded = productFlopsPerSecond.get();
        if (loaded.isEmpty() || !(loaded.getAsDouble() > 0)) return;
        loadedKernelUsed = true;
        MicroBenchmark.KernelRates kernels = MicroBenchmark.kernelRates(planner.family(), planner.config(), precision,
                device, loaded);
        PrefillTime prefill = MicroBenchmark.prefillTime(planner.config().text(), precision, device, kernels,
                current.prefillAttention());
        rates = current.withPrefill(prefill.linearSecondsPerToken(), prefill.referenceTokensPerSecond());
        calibration.write(key, rates);
    }

    /** The prefill model of the rates in use ({@link #rates()}). */
    public PrefillTime prefillTime() {
        return PrefillTime.of(planner.config().text(), precision, device, rates());
    }

    /** The cost of {@code messages} with up to {@code maxTokens} to generate, nothing cached. */
    public Planned estimate(List<ChatMessage> messages, int maxTokens) {
        return estimate(messages, maxTokens, CachedWork.NONE);
    }

    /**
     * The cost of {@code messages} with up to {@code maxTokens} to generate on a loaded model whose caches hold
     * {@code cached}: cached media cost no decode and no vision tower, prompt tokens in the prefix cache no prefill.
     */
    public Planned estimate(List<ChatMessage> messages, int maxTokens, CachedWork cached) {
        PromptPlanner.Plan plan = planner.plan(messages);
        return new Planned(plan, cost(plan, maxTokens, rates(), cached));
    }

    private CostEstimate cost(PromptPlanner.Plan plan, int maxTokens, Rates r, CachedWork cached) {
        ModelConfig config = planner.config();
        boolean cpu = device == ComputeDevice.CPU;
        long weights = weightsBytes(config);
        ContextBudget budget = ContextBudget.of(config.text(), precision, device, contextLimit, 0);
        long generation = budget.neededBytes(plan.promptTokens(), maxTokens);
        long kv = budget.kvBytesPerToken() * ((long) plan.promptTokens() + maxTokens);
        long vision = 0;
        for (int i = 0; i < plan.media().size(); i++) {
            if (cached.isMediaCached(i)) continue; // its embeddings are read from the cache: no tower activations
            MediaPlan m = plan.media().get(i);
            long segment = (long) m.grid().h() * m.grid().w();
            vision = Math.max(vision, ModelSizer.visionActivationBytes(config.vision(), m.patches(), segment,
                    cpu ? 4 : precision.bytes()));
        }
        long runtime = cpu ? SizeReport.CPU_RUNTIME_BYTES : SizeReport.GPU_RUNTIME_BYTES;
        long memory = weights + runtime + Math.max(vision, generation);
        int framesToDecode = 0;
        long patchesToEncode = 0;
        int cachedMedia = 0;
        for (int i = 0; i < plan.media().size(); i++) {
            MediaPlan m = plan.media().get(i);
            if (cached.isMediaCached(i)) {
                cachedMedia++;
            } else {
                framesToDecode += m.frames();
                patchesToEncode += m.patches();
            }
        }
        int reused = Math.min(cached.reusedPromptTokens(), plan.promptTokens());
        double prefill = PrefillTime.of(config.text(), precision, device, r)
                .seconds(plan.promptTokens() - reused, reused, r.prefillTokensPerSecond());
        return new CostEstimate(plan.frames(), plan.patches(), plan.visionTokens(), plan.promptTokens(), memory,
                weights, kv, vision, framesToDecode / r.mediaFramesPerSecond(),
                patchesToEncode / r.visionPatchesPerSecond(), prefill,
                r.overheadSeconds(), r.decodeTokensPerSecond(), r.runs(), cachedMedia, reused);
    }

    /**
     * The weights as placed: as stored on a GPU; on the CPU in float32 for fp32, as stored for bf16, and with the
     * language model's matrices quantised for int8 / int4 (vision tower bf16); plus a packed copy of a tied lm_head
     * ({@link SizeReport}'s rules).
     */
    private long weightsBytes(ModelConfig config) {
        ModelSizer.WeightsSize stored = ModelSizer.weights(modelDir, config);
        if (device != ComputeDevice.CPU) return stored.bytes();
        ModelConfig.TextConfig t = config.text();
        long tied = t.tieWordEmbeddings() ? (long) t.vocabSize() * t.hiddenSize() * precision.bytes() : 0;
        return switch (precision) {
            case FP32 -> stored.parameters() * 4 + tied;
            case BF16 -> stored.bytes() + tied;
            case INT8, INT4 -> precision.languageWeightBytes(planner.family().languageTensors(config))
                    + ModelSizer.parameterCounts(config).vision() * 2;
        };
    }

    /**
     * Moves the stored rates towards what a run of {@code planned} measured: frames per second of media decode,
     * patches per second of the vision tower, the reference prompt's prefill rate its prefill implies (its own
     * tokens after those from the prompt cache, through {@link PrefillTime}), decode speed, and the rest before the
     * first token as overhead. Returns the new rates.
     */
    public synchronized Rates refine(Planned planned, Timings actual) {
        Rates refined = calibration.refine(key, rates(), measured(planned.plan(), actual, prefillTime()));
        rates = refined;
        return refined;
    }

    /**
     * A run's own rates, 0 for a stage it did not measure (a cache hit, no media, no second token); its prefill as
     * the reference prompt's rate by {@code prefill}.
     */
    static Rates.Measured measured(PromptPlanner.Plan plan, Timings t, PrefillTime prefill) {
        double media = t.mediaMs() > 0 && plan.frames() > 0 ? plan.frames() * 1000.0 / t.mediaMs() : 0;
        double vision = t.visionMs() > 0 && plan.patches() > 0 ? plan.patches() * 1000.0 / t.visionMs() : 0;
        double overheadMs = t.firstTokenMs() > 0 ? t.preprocessMs() + t.firstTokenMs() - t.prefillMs() : -1000;
        int reused = Math.max(0, Math.min(t.cachedPromptTokens(), t.promptTokens()));
        double reference = prefill.referenceTokensPerSecond(t.promptTokens() - reused, reused, t.prefillMs() / 1000.0);
        return new Rates.Measured(media, vision, reference, t.decodeTokensPerSecond(), overheadMs / 1000.0);
    }

    @Override
    public void close() {
        planner.close();
    }
}
