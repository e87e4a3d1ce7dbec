package dev.framewise.engine.model;

/**
 * How the language model's weights are held and decoding computes ({@code --dtype}). {@link #INT8} and {@link #INT4}
 * quantise the language model's matrices on the CPU (see {@code quantized_linear.py}); everything else of such a
 * model (embedding, norms, biases, the vision tower) stays in bf16.
 */
public enum Precision {
    FP32(6, 32), BF16(15, 16), INT8(15, 8), INT4(15, 4);

    /** torch ScalarType code of the tensors that are not quantised, as TorchScript takes it. */
    public final int scalarType;
    /** Bits per element of a matrix (scales aside). */
    final int matrixBits;

    Precision(int scalarType, int matrixBits) {
        this.scalarType = scalarType;
        this.matrixBits = matrixBits;
    }

    /** Bytes per element of the tensors that are not quantised. */
    public int bytes() {
        return this == FP32 ? 4 : 2;
    }

    /** Whether the language model's matrices are quantised. */
    public boolean quantized() {
        return matrixBits < 16;
    }

    /**
     * Bytes of a matrix {@code [rows, columns]} in this precision, scales included: int8 adds a float32 scale and
     * bias per {@link #int8Group} outputs of an input, int4 a bf16 scale and zero per group of {@link #INT4_GROUP}
     * inputs.
     */
    public long matrixBytes(long rows, long columns) {
        return switch (this) {
            case FP32, BF16 -> rows * columns * bytes();
            case INT8 -> rows * columns + 8 * (rows / int8Group(rows)) * columns;
            case INT4 -> rows * columns / 2 + 4 * rows * Math.max(1, columns / INT4_GROUP);
        };
    }

    /**
     * Bytes of a language model's tensors held in this precision on the CPU: its layer matrices as
     * {@link #matrixBytes}, the embedding, the output projection ({@code lm_head}, bf16 beside int8 / int4 unless
     * asked otherwise) and the vectors in {@link #bytes()} per element.
     */
    public long languageWeightBytes(java.util.List<TensorShape> tensors) {
        long sum = 0;
        for (TensorShape t : tensors) {
            boolean layerMatrix = t.shape().length == 2 && t.name().contains(".layers.");
            sum += layerMatrix ? matrixBytes(t.shape()[0], t.shape()[1]) : t.numel() * bytes();
        }
        return sum;
    }

    /** Outputs per int8 scale and bias where a matrix's outputs are a multiple (quantized_linear.py's INT8_GROUP). */
    public static final int INT8_GROUP = 256;

    /** Outputs per int8 scale and bias: {@link #INT8_GROUP}, or the largest power of two below it dividing rows. */
    static long int8Group(long rows) {
        long g = INT8_GROUP;
        while (rows % g != 0) g /= 2;
        return g;
    }

    /** Inputs per int4 scale (fewer where a matrix's inputs are not a multiple): docs/decode-speed.md. */
    public static final int INT4_GROUP = 32;

    public static Precision parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "fp32", "float32" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            case "int8" -> INT8;
            case "int4" -> INT4;
            default -> throw new IllegalArgumentException("dtype must be fp32, bf16, int8 or int4, not '" + text + "'");
        };
    }
}
