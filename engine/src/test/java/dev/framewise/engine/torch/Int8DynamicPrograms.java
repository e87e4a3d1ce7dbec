package dev.framewise.engine.torch;

import dev.framewise.engine.family.ModelFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * A family's program whose int8 products run on fbgemm's dynamic int8 kernel ({@code quantized::linear_dynamic}:
 * the rows quantised to uint8 with one scale and zero point per call, VNNI int8 x int8 products) instead of
 * {@code _weight_int8pack_mm} on bf16 rows: the fidelity measurement behind the "fbgemm dynamic int8" section of
 * docs/decode-speed.md. Only measurement methods use it (they run only when asked for). The matrix is packed for
 * fbgemm on every call, which changes the product's time, not its values.
 */
public final class Int8DynamicPrograms {
    private static final String QUANTIZED = "/dev/framewise/engine/torch/quantized_linear.py";
    private static final String DYNAMIC = "/dev/framewise/engine/torch/int8_dynamic_activations.py";
    /** Where quantized_linear_blocks rounds the rows to bf16 for the int8pack kernel; the dynamic branch goes first. */
    private static final String ANCHOR = "    xb = x.to(BFLOAT16)\n";

    private Int8DynamicPrograms() {
    }

    /**
     * {@code family}'s program with int8 products on the dynamic kernel, the rows of each call quantised
     * {@code rowsPerQuantisation} at a time with one scale (0: all the call's rows together, as one fbgemm call
     * does; 1: each row on its own, as a decoding step's single row is).
     */
    public static TensorProgram load(ModelFamily family, int rowsPerQuantisation) {
        String quantized = TorchScriptArchive.readResource(QUANTIZED);
        if (!quantized.contains(ANCHOR)) throw new IllegalStateException(QUANTIZED + " no longer has " + ANCHOR.strip());
        String patched = quantized.replace(ANCHOR, """
                    if codes.dtype == INT8:
                        return self.int8_dynamic_product(x, codes, scales, b)
                """ + ANCHOR);
        List<String> sources = new ArrayList<>();
        for (String path : family.programSources()) sources.add(TorchScriptArchive.readResource(path));
        for (String path : TensorProgram.SHARED_SOURCES) {
            sources.add(path.equals(QUANTIZED) ? patched : TorchScriptArchive.readResource(path));
        }
        sources.add(TorchScriptArchive.readResource(TensorProgram.CPU_KERNELS));
        sources.add(TorchScriptArchive.readResource(DYNAMIC));
        sources.add("INT8_DYNAMIC_ROWS : Final[int] = " + rowsPerQuantisation + "\n");
        return TensorProgram.load(TorchScriptArchive.fromSources(family.programName(), sources));
    }
}
