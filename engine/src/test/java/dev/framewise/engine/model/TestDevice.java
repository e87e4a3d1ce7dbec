package dev.framewise.engine.model;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Assumptions;

import java.util.Locale;

/**
 * The device the golden suites run on: CPU unless {@code -Dframewise.test.device=cuda} (scripts/gpu-check.sh), in
 * which case a test skips cleanly where libtorch sees no CUDA GPU, rather than failing or silently using the CPU.
 */
public final class TestDevice {
    public static final String PROPERTY = "framewise.test.device";

    private TestDevice() {
    }

    public static ComputeDevice device() {
        String choice = System.getProperty(PROPERTY, "cpu").trim().toLowerCase(Locale.ROOT);
        if (choice.equals("cpu") || choice.isEmpty()) return ComputeDevice.CPU;
        if (!choice.equals("cuda")) throw new IllegalArgumentException(PROPERTY + " must be cpu or cuda, not " + choice);
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() > 0,
                PROPERTY + "=cuda but libtorch sees no CUDA GPU (a CPU libtorch, or no driver)");
        return ComputeDevice.CUDA;
    }

    /** The {@code --device} argument for CLI tests. */
    public static String name() {
        return device() == ComputeDevice.CUDA ? "cuda" : "cpu";
    }
}
