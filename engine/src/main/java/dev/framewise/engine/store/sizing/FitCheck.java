package dev.framewise.engine.store.sizing;

import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.device.DecodeSpeed;
import dev.framewise.engine.store.device.DeviceProbe;
import dev.framewise.engine.store.device.GpuInfo;
import dev.framewise.engine.store.device.MemoryStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plain answer to "will this model run here?": compares what the model needs on a GPU and on the CPU with
 * the machine's free memory, and on the CPU estimates decoding speed ({@link DecodeSpeed}: decoding reads every
 * language-model matrix and the whole KV cache once per token, at the memory bandwidth, plus a fixed cost per step).
 * Where bf16
 * does not fit in RAM, the verdict picks the first of int8 and int4 that does, and {@code ask} without
 * {@code --dtype} loads it ({@link #precisionBeforeLoad}).
 */
public final class FitCheck {
    private static final long GIB = 1L << 30;

    /** The KV cache {@code framewise models info} sizes when given no {@code --context}. */
    public static final int DEFAULT_CONTEXT_TOKENS = 32768;

    private FitCheck() {
    }

    /**
     * What {@code framewise models info FOLDER} says with its defaults (bf16, {@value #DEFAULT_CONTEXT_TOKENS}
     * tokens of context, no video) on this machine's memory now, when its verdict is that the model does not
     * fit; empty when it fits or the folder cannot be sized (loading then says what is wrong).
     */
    public static Optional<String> warningBeforeLoad(Path folder) {
        try {
            return warningBeforeLoad(folder, new DeviceProbe(System.getenv()).memory());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #warningBeforeLoad(Path)} on the given memory. */
    static Optional<String> warningBeforeLoad(Path folder, MemoryStatus memory) {
        try {
            // no decoding speed: measuring the bandwidth takes a moment, and a made-up one would quote a speed the
            // machine never reaches (the verdict then says nothing of speed)
            Verdict verdict = SizeReport.assess(folder, defaultRequest(), memory, (DecodeSpeed) null).verdict();
            // the workbench loads bf16: a model that fits only quantised does not fit there either
            boolean fitsAsLoaded = verdict.kind() != Kind.DOES_NOT_FIT && !verdict.precision().quantized();
            return fitsAsLoaded ? Optional.empty() : Optional.of(folder.getFileName() + " " + verdict.text());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A precision picked because the default one does not fit, and the one line that tells the user so. */
    public record PrecisionChoice(Precision precision, String message) {
    }

    /**
     * For a run without an explicit {@code --dtype}: int8 or int4 where bf16 does not fit in this machine's memory
     * now but that precision does (the verdict of {@link #DEFAULT_CONTEXT_TOKENS} tokens of context, no video, as
     * {@code framewise models info} gives it); empty where bf16 fits, nothing fits, or the folder cannot be sized.
     */
    public static Optional<PrecisionChoice> precisionBeforeLoad(Path folder) {
        try {
            return choosePrecision(SizeReport.assess(folder, defaultRequest(), new DeviceProbe(System.getenv()).memory(),
                    (DecodeSpeed) null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #precisionBeforeLoad}'s choice from a report. */
    public static Optional<PrecisionChoice> choosePrecision(SizeReport report) {
        Verdict v = report.verdict();
        if (v.kind() != Kind.FITS_RAM || !v.precision().quantized()) return Optional.empty();
        String dtype = v.precision().name().toLowerCase(Locale.ROOT);
        return Optional.of(new PrecisionChoice(v.precision(), report.folder().getFileName() + " needs about "
                + Bytes.human(report.cpu().total()) + " in bf16 but " + Bytes.human(report.memory().ramAvailableBytes())
                + " of RAM is available: loading it in " + dtype + " (about " + Bytes.human(v.need().total())
                + "; --dtype bf16 to insist)"));
    }

    private static SizeRequest defaultRequest() {
        return new SizeRequest(DEFAULT_CONTEXT_TOKENS, false, 0, 0, 1280, 720, 30);
    }

    /** Bytes a model needs on one device: weights, KV cache, vision activations, runtime (libtorch, CUDA context). */
    public record MemoryNeed(long weights, long kvCache, long vision, long runtime) {
        public long total() {
            return weights + kvCache + vision + runtime;
        }
    }

    public enum Kind { FITS_GPU, FITS_RAM, DOES_NOT_FIT }

    /**
     * {@code tokensPerSecond} is the CPU decoding estimate (0 unless the verdict is FITS_RAM and the decoding speed is
     * known); {@code precision} and
     * {@code need} are those of the CPU plan the verdict speaks of: the one asked for, or the int8 / int4 plan that
     * fits where it does not (FITS_GPU: bf16 and the GPU need); {@code decodeBytesPerToken} what one decoded token
     * of that CPU plan reads (0 unless FITS_RAM).
     */
    public record Verdict(Kind kind, String text, double tokensPerSecond, Precision precision, MemoryNeed need,
                          long decodeBytesPerToken) {
    }

    /**
     * The CPU held in one precision: its memory need and the bytes one decoded token reads (language weights + KV
     * cache).
     */
    public record CpuPlan(Precision precision, MemoryNeed need, long decodeBytesPerToken) {
    }

    /**
     * @param gpu                  the need when run on a GPU (bf16)
     * @param cpu                  the need when run on the CPU
     * @param decodeBytesPerToken  bytes read per decoded token on the CPU (language weights + KV cache)
     * @param bandwidthBytesPerSec the CPU's memory bandwidth, measured or stated
     * @param fp32                 whether the CPU plan holds fp32 weights (then bf16 is a suggestion)
     */
    public static Verdict judge(MemoryNeed gpu, MemoryNeed cpu, MemoryStatus memory, long decodeBytesPerToken,
                                double bandwidthBytesPerSec, boolean fp32) {
        return judge(gpu, List.of(new CpuPlan(fp32 ? Precision.FP32 : Precision.BF16, cpu, decodeBytesPerToken)),
                memory, DecodeSpeed.bandwidthOnly(bandwidthBytesPerSec), 0);
    }

    /**
     * As {@link #judge(MemoryNeed, MemoryNeed, MemoryStatus, long, double, boolean)} with CPU plans in order of
     * preference (the precision asked for first, then int8 and int4): the verdict speaks of the first that fits, and
     * says so where that is not the first. The decoding speed is {@code speed}'s for a model of {@code layers}
     * decoder layers; {@code speed} null (not measured) leaves the speed out of the verdict rather than guess one.
     */
    public static Verdict judge(MemoryNeed gpu, List<CpuPlan> plans, MemoryStatus memory, DecodeSpeed speed,
                                int layers) {
        CpuPlan asked = plans.get(0);
        MemoryNeed cpu = asked.need();
        boolean fp32 = asked.precision() == Precision.FP32;
        GpuInfo best = memory.gpus().stream().max((a, b) -> Long.compare(a.freeBytes(), b.freeBytes())).orElse(null);
        if (best != null && best.freeBytes() >= gpu.total()) {
            return new Verdict(Kind.FITS_GPU, "fits on GPU: needs about " + Bytes.human(gpu.total()) + " of the "
                    + Bytes.human(best.freeBytes()) + " free on " + best.name(), 0, Precision.BF16, gpu, 0);
        }
        String gpuNote = best == null ? "" : " (too big for " + best.name() + ": " + Bytes.human(gpu.total())
                + " needed, " + Bytes.human(best.freeBytes()) + " free)";
        for (CpuPlan plan : plans) {
            if (memory.ramAvailableBytes() < plan.need().total()) continue;
            double tps = speed == null ? 0 : speed.tokensPerSecond(plan.decodeBytesPerToken(), layers);
            String at = plan == asked ? "" : " in " + plan.precision().name().toLowerCase(Locale.ROOT) + " ("
                    + asked.precision().name().toLowerCase(Locale.ROOT) + " needs about " + Bytes.human(cpu.total())
                    + "; --dtype " + plan.precision().name().toLowerCase(Locale.ROOT) + ")";
            return new Verdict(Kind.FITS_RAM, "fits in RAM" + at + gpuNote + ": needs about "
                    + Bytes.human(plan.need().total()) + " of " + Bytes.human(memory.ramAvailableBytes())
                    + " available" + expectedSpeed(speed, tps, layers), tps, plan.precision(), plan.need(),
                    plan.decodeBytesPerToken());
        }
        List<String> tries = new ArrayList<>();
        if (cpu.kvCache() >= GIB) tries.add("a shorter --context (the KV cache takes " + Bytes.human(cpu.kvCache()) + ")");
        if (cpu.vision() >= GIB) {
            tries.add("fewer frames or pixels (--fps, --seconds; the video takes " + Bytes.human(cpu.vision()) + ")");
        }
        if (fp32) tries.add("--dtype bf16 (halves the weights)");
        CpuPlan smallest = plans.get(plans.size() - 1);
        if (smallest != asked) {
            tries.add("--dtype " + smallest.precision().name().toLowerCase(Locale.ROOT) + " with less context (needs "
                    + Bytes.human(smallest.need().total()) + " as asked)");
        }
        tries.add("a smaller checkpoint such as Qwen/Qwen2.5-VL-3B-Instruct");
        tries.add("a GPU server through --model http://HOST:PORT/v1 (vLLM, NVIDIA NIM)");
        return new Verdict(Kind.DOES_NOT_FIT, "does not fit: needs about " + Bytes.human(cpu.total()) + " but only "
                + Bytes.human(memory.ramAvailableBytes()) + " of RAM is available" + gpuNote + "; try "
                + String.join(", or ", tries), 0, asked.precision(), cpu, 0);
    }

    /** ", expect about 9.1 tokens/s decoding on the CPU (at …)", or nothing where the speed is not known. */
    private static String expectedSpeed(DecodeSpeed speed, double tps, int layers) {
        if (speed == null || !(tps > 0) || Double.isInfinite(tps)) return "";
        return ", expect about " + String.format(Locale.ROOT, tps >= 10 ? "%.0f" : "%.1f", tps)
                + " tokens/s decoding on the CPU (at " + speed.terms(layers) + ")";
    }
}
