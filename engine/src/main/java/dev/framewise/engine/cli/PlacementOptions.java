package dev.framewise.engine.cli;

import dev.framewise.engine.model.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --dtype}, {@code --device} and {@code --max-model-len}: where and in what precision a model folder's weights are placed. */
final class PlacementOptions {
    @Option(names = "--dtype", defaultValue = "bf16", converter = PrecisionConverter.class,
            description = "With a model folder: fp32 or bf16 weights (default ${DEFAULT-VALUE}).")
    Precision dtype;

    @Option(names = "--device", defaultValue = "auto",
            description = "With a model folder: auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--max-model-len", defaultValue = "0", paramLabel = "TOKENS",
            description = "With a model folder: the context length; prompt tokens plus max tokens above it are refused "
                    + "before any work (default: the model's max_position_embeddings).")
    int maxModelLen;

    Precision precision() {
        return dtype;
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
