package dev.framewise.engine.gpu;

import dev.framewise.engine.torch.NativeSetup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses, once per process and before DJL loads, whether the CUDA libtorch installed by
 * {@code framewise gpu setup} is used: it sets DJL's {@code PYTORCH_LIBRARY_PATH} and {@code PYTORCH_FLAVOR}
 * system properties from the activation file, unless the user named a libtorch already (environment or system
 * property), set {@code FRAMEWISE_LIBTORCH=bundled}, or the activation no longer fits this build. The reason for
 * the choice is kept for {@code gpu status} and {@code models doctor}.
 */
public final class ActiveLibtorch {
    private static String explanation;

    private ActiveLibtorch() {
    }

    /**
     * What every launcher (the command line, the workbench) does before the first DJL class loads: DJL offline and
     * telemetry-free ({@link NativeSetup}), then the CUDA libtorch switched on by {@code framewise gpu setup}.
     */
    public static void selectAtStart() {
        NativeSetup.configure();
        select(System.getenv());
    }

    /** Applies the activation of this environment's GPU folder (idempotent); returns why libtorch is what it is. */
    public static synchronized String select(Map<String, String> env) {
        if (explanation == null) explanation = decide(env, GpuSetupOptions.fromEnvironment(env));
        return explanation;
    }

    /** The choice made at start, or empty before {@link #select}. */
    public static synchronized Optional<String> explanation() {
        return Optional.ofNullable(explanation);
    }

    static String decide(Map<String, String> env, GpuSetupOptions options) {
        String userPath = env.getOrDefault("PYTORCH_LIBRARY_PATH", System.getProperty("PYTORCH_LIBRARY_PATH"));
        Optional<GpuActivation> activation = GpuActivation.read(options.gpuDir());
        if (userPath != null && !userPath.isBlank()) {
            return "PYTORCH_LIBRARY_PATH=" + userPath + " names libtorch" + (activation.isPresent()
                    ? " (it wins over the CUDA libtorch of framewise gpu setup)" : "");
        }
        if (activation.isEmpty()) {
            return "the bundled CPU libtorch (framewise gpu setup switches to CUDA where an NVIDIA GPU is present)";
        }
        GpuActivation a = activation.get();
        if ("bundled".equalsIgnoreCase(env.getOrDefault("FRAMEWISE_LIBTORCH", ""))) {
            return "the bundled CPU libtorch: FRAMEWISE_LIBTORCH=bundled sets aside the CUDA libtorch in " + a.libraryPath();
        }
        Optional<String> problem = a.problem(GpuSetup.bundledVersion(), GpuSetup.bundledDjlVersion());
        if (problem.isPresent()) {
            return "the bundled CPU libtorch: the CUDA libtorch of framewise gpu setup is not used because "
                    + problem.get();
        }
        System.setProperty("PYTORCH_LIBRARY_PATH", a.libraryPath().toString());
        System.setProperty("PYTORCH_FLAVOR", a.flavor());
        Path cudart = a.libraryPath().resolveSibling(LibtorchArchive.CUDART_DIR);
        if (Files.isDirectory(cudart)) {
            String jna = System.getProperty("jna.library.path", "");
            System.setProperty("jna.library.path", cudart + (jna.isEmpty() ? "" : File.pathSeparator + jna));
        }
        return "the CUDA libtorch " + a.version() + " " + a.flavor() + " in " + a.libraryPath() + ", switched on by "
                + "framewise gpu setup on " + a.activated() + " (framewise gpu remove switches back to the CPU)";
    }
}
