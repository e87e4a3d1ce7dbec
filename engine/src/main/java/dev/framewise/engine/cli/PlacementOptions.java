package dev.framewise.engine.cli;

import dev.framewise.engine.model.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --dtype} and {@code --device}: where and in what precision a model folder's weights are placed. */
final class PlacementOptions {
    @Option(names = "--dtype", defaultValue = "bf16", converter = PrecisionConverter.class,
            description = "With a model folder: fp32 or bf16 weights (default ${DEFAULT-VALUE}).")
    Precision dtype;

    @Option(names = "--device", defaultValue = "auto",
            description = "With a model folder: auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

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
