package dev.framewise.engine.model;

/** How the language model's weights are held and decoding computes ({@code --dtype}). */
public enum Precision {
    FP32(6), BF16(15);

    /** torch ScalarType code, as TorchScript takes it. */
    public final int scalarType;

    Precision(int scalarType) {
        this.scalarType = scalarType;
    }

    /** Bytes per element. */
    public int bytes() {
        return this == FP32 ? 4 : 2;
    }

    public static Precision parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "fp32", "float32" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("dtype must be fp32 or bf16, not '" + text + "'");
        };
    }
}
