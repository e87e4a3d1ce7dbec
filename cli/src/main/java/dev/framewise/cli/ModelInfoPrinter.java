package dev.framewise.cli;

import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.device.DecodeSpeed;
import dev.framewise.engine.store.device.GpuInfo;
import dev.framewise.engine.store.sizing.FitCheck;
import dev.framewise.engine.store.sizing.ModelSizer;
import dev.framewise.engine.store.sizing.SizeReport;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link SizeReport} for {@code framewise models info}. */
final class ModelInfoPrinter {
    private ModelInfoPrinter() {
    }

    static void print(SizeReport r, String name, PrintWriter out) {
        var text = r.config().text();
        out.printf(Locale.ROOT, "model        %s (%s)%n", name, r.config().modelType());
        out.printf(Locale.ROOT, "parameters   %s (language model %s, vision tower %s; from config.json)%n",
                billions(r.languageParameters() + r.visionParameters()), billions(r.languageParameters()),
                billions(r.visionParameters()));
        StringBuilder dtypes = new StringBuilder();
        r.weights().byDtype().forEach((dtype, s) -> dtypes.append(dtypes.length() == 0 ? "" : ", ")
                .append(dtype).append(' ').append(billions(s[0])).append(" = ").append(Bytes.human(s[1])));
        out.printf(Locale.ROOT, "weights      %s (%s; from %s)%n", Bytes.human(r.weights().bytes()), dtypes,
                r.weights().source());
        var tensors = dev.framewise.engine.family.ModelFamilies.forModelType(r.config().modelType())
                .languageTensors(r.config());
        out.printf(Locale.ROOT, "precisions   language model on the CPU: bf16 %s, int8 %s, int4 %s (--dtype; lm_head in bf16)%n",
                Bytes.human(Precision.BF16.languageWeightBytes(tensors)),
                Bytes.human(Precision.INT8.languageWeightBytes(tensors)),
                Bytes.human(Precision.INT4.languageWeightBytes(tensors)));
        out.printf(Locale.ROOT, "KV cache     %s at %d tokens in bf16 (2 · %d layers · %d kv heads · %d · 2 bytes · tokens)"
                        + "; %s on the CPU%n", Bytes.human(r.gpu().kvCache()), r.request().contextTokens(),
                text.numLayers(), text.numKvHeads(), text.headDim(), Bytes.human(r.cpu().kvCache()));
        ModelSizer.VisionLoad v = r.visionGpu();
        if (v != null) {
            out.printf(Locale.ROOT, "vision       %.0f s at %s fps → %d frames of %dx%d → %d patches, %d tokens; "
                            + "activations about %s (bf16), %s on the CPU%n", r.request().seconds(),
                    trim(r.request().fps()), v.frames(), v.width(), v.height(), v.patches(), v.tokens(),
                    Bytes.human(v.activationBytes()), Bytes.human(r.visionCpu().activationBytes()));
        }
        out.printf(Locale.ROOT, "needs        GPU %s, CPU %s (weights + KV cache + vision + runtime)%n",
                Bytes.human(r.gpu().total()), Bytes.human(r.cpu().total()));
        out.printf(Locale.ROOT, "this machine RAM %s available of %s%n", Bytes.human(r.memory().ramAvailableBytes()),
                Bytes.human(r.memory().ramTotalBytes()));
        for (GpuInfo g : r.memory().gpus()) {
            out.printf(Locale.ROOT, "             GPU %d %s: %s free of %s%n", g.index(), g.name(),
                    Bytes.human(g.freeBytes()), Bytes.human(g.totalBytes()));
        }
        printDecodeSpeed(r, out);
        out.println("verdict      " + r.verdict().text());
        out.flush();
    }

    /**
     * The CPU decoding estimate and how it was obtained: bytes per token (weights and the KV cache at the context
     * asked for) over the bandwidth, plus the overhead per step.
     */
    private static void printDecodeSpeed(SizeReport r, PrintWriter out) {
        FitCheck.Verdict v = r.verdict();
        if (v.kind() != FitCheck.Kind.FITS_RAM) return;
        DecodeSpeed speed = r.speed();
        int layers = r.config().text().numLayers();
        long kv = v.need().kvCache();
        out.printf(Locale.ROOT, "decode       about %s tokens/s on the CPU in %s: 1 / (%s per token (weights %s + KV "
                        + "cache %s at %d tokens) / %.1f GB/s + %.2f ms per step of %d layers)%n",
                String.format(Locale.ROOT, v.tokensPerSecond() >= 10 ? "%.0f" : "%.1f", v.tokensPerSecond()),
                v.precision().name().toLowerCase(Locale.ROOT), Bytes.human(v.decodeBytesPerToken()),
                Bytes.human(v.decodeBytesPerToken() - kv), Bytes.human(kv), r.request().contextTokens(),
                speed.bandwidthBytesPerSecond() / 1e9, speed.overheadSeconds(layers) * 1e3, layers);
        if (!speed.basis().isEmpty()) out.println("             " + speed.basis());
    }

    private static String billions(long n) {
        return String.format(Locale.ROOT, n >= 1e9 ? "%.2f B" : "%.2f M", n >= 1e9 ? n / 1e9 : n / 1e6);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
