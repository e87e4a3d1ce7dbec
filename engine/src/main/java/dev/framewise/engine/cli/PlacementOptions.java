package dev.framewise.engine.cli;

import dev.framewise.engine.model.Precision;
import picocli.CommandLine.Option;

/** {@code --dtype} and {@code --device}: where and in what precision a model folder's weights are placed. */
final class PlacementOptions {
    @Option(names = "--dtype", defaultValue = "bf16",
            description = "With a model folder: fp32 or bf16 weights (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--device", defaultValue = "auto",
            description = "With a model folder: auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

    /** @throws IllegalArgumentException naming the accepted values when {@code --dtype} is neither */
    Precision precision() {
        return Precision.parse(dtype);
    }
}
