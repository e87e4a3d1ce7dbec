package dev.framewise.engine.model;

import ai.djl.engine.Engine;
import dev.framewise.engine.api.EngineException;

import java.util.Locale;

/** Where the tensor program runs ({@code --device auto|cpu|cuda}); auto picks CUDA when libtorch sees a GPU. */
public enum ComputeDevice {
    CPU("cpu"), CUDA("cuda:0");

    /** The torch device string. */
    public final String torchName;

    ComputeDevice(String torchName) {
        this.torchName = torchName;
    }

    public static ComputeDevice resolve(String choice) {
        boolean gpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
        return switch (choice.toLowerCase(Locale.ROOT)) {
            case "auto" -> gpu ? CUDA : CPU;
            case "cpu" -> CPU;
            case "cuda", "gpu" -> {
                if (!gpu) {
                    throw new EngineException("--device cuda was asked for but libtorch sees no CUDA GPU "
                            + "(check the NVIDIA driver, or use --device cpu)");
                }
                yield CUDA;
            }
            default -> throw new IllegalArgumentException("device must be auto, cpu or cuda, not '" + choice + "'");
        };
    }
}
