package dev.framewise.cli;

import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --dtype}, {@code --device} and {@code --max-model-len}: where and in what precision a model folder's weights are placed. */
final class PlacementOptions {
    @Option(names = "--dtype", converter = PrecisionConverter.class,
            description = "With a model folder: fp32, bf16, int8 or int4 weights (int8/int4: the language model's "
                    + "matrices quantised, on the CPU; default bf16, or for ask the first of int8 and int4 that fits "
                    + "where bf16 does not fit in memory).")
    Precision dtype;

    @Option(names = "--lm-head-dtype", defaultValue = "bf16", converter = PrecisionConverter.class,
            description = "With --dtype int8 or int4: the output projection in bf16, int8 or int4 (default "
                    + "${DEFAULT-VALUE}; it is a third of a 0.5B model's bytes per token).")
    Precision lmHead;

    @Option(names = "--device", defaultValue = "auto",
            description = "With a model folder: auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--max-model-len", defaultValue = "0", paramLabel = "TOKENS",
            description = "With a model folder: the context length; prompt tokens plus max tokens above it are refused "
                    + "before any work (default: the model's max_position_embeddings).")
    int maxModelLen;

    /** The embedded backend's options for a model folder: precision, device, context length and lm_head. */
    EmbeddedOptions embeddedOptions() {
        return new EmbeddedOptions(precision(), device).withContextLimit(maxModelLen).withLmHead(lmHead());
    }

    Precision precision() {
        return dtype == null ? Precision.BF16 : dtype;
    }

    /** Whether {@code --dtype} was given (else a command may pick the precision that fits, see FitCheck). */
    boolean dtypeGiven() {
        return dtype != null;
    }

    /** The output projection's precision beside int8 / int4 weights; a usage error for fp32. */
    Precision lmHead() {
        if (lmHead == Precision.FP32) throw new IllegalArgumentException("--lm-head-dtype must be bf16, int8 or int4");
        return lmHead;
    }

    /** Every command's {@code --dtype}: picocli reports a bad value as a usage error naming the accepted ones. */
    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
