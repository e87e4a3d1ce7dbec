package dev.framewise.engine.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plain answer to "will this model run here?": compares what the model needs on a GPU and on the CPU with
 * the machine's free memory, and on the CPU estimates decoding speed from memory bandwidth (decoding reads every
 * language-model weight and the whole KV cache once per token, so tokens/s ≈ bandwidth / those bytes).
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
            SizeRequest request = new SizeRequest(DEFAULT_CONTEXT_TOKENS, false, 0, 0, 1280, 720, 30);
            // the bandwidth only feeds the speed estimate of a model that fits, which is not shown here
            Verdict verdict = SizeReport.assess(folder, request, new DeviceProbe(System.getenv()).memory(), 1).verdict();
            return verdict.kind() == Kind.DOES_NOT_FIT ? Optional.of(folder.getFileName() + " " + verdict.text())
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Bytes a model needs on one device: weights, KV cache, vision activations, runtime (libtorch, CUDA context). */
    public record MemoryNeed(long weights, long kvCache, long vision, long runtime) {
        public long total() {
            return weights + kvCache + vision + runtime;
        }
    }

    public enum Kind { FITS_GPU, FITS_RAM, DOES_NOT_FIT }

    /** {@code tokensPerSecond} is the CPU decoding estimate (0 unless the verdict is FITS_RAM). */
    public record Verdict(Kind kind, String text, double tokensPerSecond) {
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
        GpuInfo best = memory.gpus().stream().max((a, b) -> Long.compare(a.freeBytes(), b.freeBytes())).orElse(null);
        if (best != null && best.freeBytes() >= gpu.total()) {
            return new Verdict(Kind.FITS_GPU, "fits on GPU: needs about " + Bytes.human(gpu.total()) + " of the "
                    + Bytes.human(best.freeBytes()) + " free on " + best.name(), 0);
        }
        String gpuNote = best == null ? "" : " (too big for " + best.name() + ": " + Bytes.human(gpu.total())
                + " needed, " + Bytes.human(best.freeBytes()) + " free)";
        if (memory.ramAvailableBytes() >= cpu.total()) {
            double tps = bandwidthBytesPerSec / decodeBytesPerToken;
            return new Verdict(Kind.FITS_RAM, "fits in RAM" + gpuNote + ": needs about " + Bytes.human(cpu.total())
                    + " of " + Bytes.human(memory.ramAvailableBytes()) + " available, expect about "
                    + String.format(Locale.ROOT, tps >= 10 ? "%.0f" : "%.1f", tps) + " tokens/s decoding on the CPU "
                    + "(at " + String.format(Locale.ROOT, "%.0f", bandwidthBytesPerSec / 1e9) + " GB/s memory bandwidth)",
                    tps);
        }
        List<String> tries = new ArrayList<>();
        if (cpu.kvCache() >= GIB) tries.add("a shorter --context (the KV cache takes " + Bytes.human(cpu.kvCache()) + ")");
        if (cpu.vision() >= GIB) {
            tries.add("fewer frames or pixels (--fps, --seconds; the video takes " + Bytes.human(cpu.vision()) + ")");
        }
        if (fp32) tries.add("--dtype bf16 (halves the weights)");
        tries.add("a smaller checkpoint such as Qwen/Qwen2.5-VL-3B-Instruct");
        tries.add("a GPU server through --model http://HOST:PORT/v1 (vLLM, NVIDIA NIM)");
        return new Verdict(Kind.DOES_NOT_FIT, "does not fit: needs about " + Bytes.human(cpu.total()) + " but only "
                + Bytes.human(memory.ramAvailableBytes()) + " of RAM is available" + gpuNote + "; try "
                + String.join(", or ", tries), 0);
    }
}
