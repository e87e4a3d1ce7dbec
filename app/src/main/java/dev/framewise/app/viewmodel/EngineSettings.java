package dev.framewise.app.viewmodel;

import java.util.List;
import java.util.Locale;

/**
 * How the embedded engine loads a model folder: the device ({@code auto}: CUDA when present), the precision of the
 * language model's weights (the engine's {@code --dtype} choices) and the context length (0: the model's own). Applies
 * at the next load; a server keeps its own.
 */
public record EngineSettings(String device, String precision, int contextLength) {
    public static final List<String> DEVICES = List.of("auto", "cpu", "cuda");
    /** The engine's precisions ({@code framewise ask --dtype}); int8 and int4 run on the CPU only. */
    public static final List<String> PRECISIONS = List.of("bf16", "fp32", "int8", "int4");
    public static final EngineSettings DEFAULTS = new EngineSettings("auto", "bf16", 0);

    public EngineSettings {
        device = device == null ? "auto" : device.toLowerCase(Locale.ROOT);
        precision = precision == null ? "bf16" : precision.toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(device)) throw new IllegalArgumentException("the device must be auto, cpu or cuda, not '" + device + "'");
        if (!PRECISIONS.contains(precision)) {
            throw new IllegalArgumentException("the precision must be bf16, fp32, int8 or int4, not '" + precision + "'");
        }
        if (contextLength < 0) throw new IllegalArgumentException("the context length must be 0 (the model's) or more");
        if (precision.startsWith("int") && device.equals("cuda")) {
            throw new IllegalArgumentException(precision + " runs on the CPU only: choose cpu or auto, or bf16 for CUDA");
        }
    }

    /** "bf16 · auto · the model's context" for the status bar. */
    public String summary() {
        return precision + " \u00b7 " + device + " \u00b7 "
                + (contextLength == 0 ? "the model's context" : String.format(Locale.ROOT, "%,d tokens of context", contextLength));
    }
}
