package dev.framewise.engine.store.device;

import ai.djl.engine.Engine;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.torch.TensorProgram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains which libtorch DJL will load and on which device Framewise will run, because DJL's choice is a known
 * source of silent CPU fallbacks. DJL's order (pytorch-engine {@code LibUtils}): {@code PYTORCH_LIBRARY_PATH}
 * first; else a libtorch bundled on the class path that matches the system (a CPU build matches every system);
 * else a download of the system's flavour ({@code cuXXX} when DJL's CUDA probe finds a GPU, else {@code cpu};
 * {@code PYTORCH_FLAVOR} overrides it), served from the DJL cache when offline. Works offline.
 */
public final class DeviceDoctor {
    /** One finding: a label and what was found; {@code warning} marks something the user should act on. */
    public record Line(String label, String text, boolean warning) {
    }

    private final Map<String, String> env;
    private final DeviceProbe probe;

    public DeviceDoctor(Map<String, String> env) {
        this.env = env;
        this.probe = new DeviceProbe(env);
    }

    /** @param loadEngine also load libtorch and ask it for GPUs (seconds; extracts natives on first use) */
    public List<Line> examine(boolean loadEngine) {
        List<Line> lines = new ArrayList<>();
        long[] ram = DeviceProbe.ram();
        lines.add(new Line("CPU", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + "; RAM " + Bytes.human(ram[1]) + " available of "
                + Bytes.human(ram[0]), false));
        List<GpuInfo> gpus = probe.gpus();
        Optional<Path> libcuda = probe.cudaDriverLibrary();
        lines.add(new Line("CUDA driver", libcuda.map(p -> "found " + p).orElse("not found (no libcuda / nvcuda.dll)"),
                false));
        if (gpus.isEmpty()) {
            lines.add(new Line("GPU", "none found (nvidia-smi " + (DeviceProbe.run(probe.nvidiaSmi(), List.of("-L"))
                    .isPresent() ? "lists none" : "not available") + ")", false));
        }
        for (GpuInfo g : gpus) {
            lines.add(new Line("GPU " + g.index(), g.name() + ", " + Bytes.human(g.freeBytes()) + " free of "
                    + Bytes.human(g.totalBytes()) + (g.driver().isEmpty() ? "" : ", driver " + g.driver()), false));
        }
        if (!gpus.isEmpty()) {
            String driverCuda = DeviceProbe.run(probe.nvidiaSmi(), List.of()).map(DeviceDoctor::driverCudaVersion)
                    .orElse("unknown");
            String runtime = safe(CudaUtils::getCudaVersionString);
            lines.add(new Line("CUDA", "driver supports up to " + driverCuda + "; runtime library DJL finds: "
                    + (runtime == null ? "none" : runtime), false));
        }
        lines.addAll(libtorchChoice(!gpus.isEmpty()));
        if (loadEngine) lines.addAll(loadedEngine(!gpus.isEmpty()));
        lines.add(new Line("Overrides", "--device auto|cpu|cuda picks the device per command; PYTORCH_LIBRARY_PATH="
                + "a libtorch folder replaces the bundled one; PYTORCH_FLAVOR=cpu|cu124|… applies when DJL downloads "
                + "libtorch", false));
        return lines;
    }

    private List<Line> libtorchChoice(boolean gpuPresent) {
        List<Line> lines = new ArrayList<>();
        String override = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        String flavorOverride = Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
        boolean offline = Boolean.parseBoolean(Utils.getEnvOrSystemProperty("ai.djl.offline", "false"))
                || Boolean.parseBoolean(env.getOrDefault("DJL_OFFLINE", "false"));
        if (override != null && !override.isBlank()) {
            boolean cudaBuild = Files.exists(Path.of(override, "libtorch_cuda.so"))
                    || Files.exists(Path.of(override, "torch_cuda.dll"));
            lines.add(new Line("libtorch", "from PYTORCH_LIBRARY_PATH=" + override + " ("
                    + (cudaBuild ? "a CUDA build" : "no libtorch_cuda there: a CPU build") + ")", gpuPresent && !cudaBuild));
            return lines;
        }
        Platform system = Platform.fromSystem("pytorch");
        Platform chosen = Platform.detectPlatform("pytorch");
        lines.add(new Line("DJL detection", "system flavour " + system.getFlavor() + " ("
                + (system.getFlavor().startsWith("cu") ? "DJL's CUDA probe found a GPU" : "DJL's CUDA probe found no GPU")
                + ")" + (flavorOverride == null ? "" : "; PYTORCH_FLAVOR=" + flavorOverride), false));
        if (!chosen.isPlaceholder()) {
            boolean fallback = gpuPresent && chosen.getFlavor().startsWith("cpu");
            lines.add(new Line("libtorch", "bundled " + chosen.getVersion() + " " + chosen.getFlavor() + " build from the "
                    + "class path" + (fallback ? ": the GPU will NOT be used — a bundled CPU build wins over CUDA "
                    + "detection and PYTORCH_FLAVOR; set PYTORCH_LIBRARY_PATH to a CUDA build of libtorch "
                    + chosen.getVersion().replaceAll("-.*", "") + " to use it" : ""), fallback));
            return lines;
        }
        String flavor = flavorOverride != null ? flavorOverride : system.getFlavor();
        Path cache = Utils.getEngineCacheDir("pytorch");
        boolean cached = Files.isDirectory(cache) && listNames(cache).stream().anyMatch(n -> n.contains("-" + flavor + "-"));
        lines.add(new Line("libtorch", "downloaded " + flavor + " build into " + cache + (cached ? " (already there)"
                : offline ? ": not there and DJL is offline, so loading will fail; run once online" : " on first use"),
                !cached && offline));
        return lines;
    }

    private static List<Line> loadedEngine(boolean gpuPresent) {
        try {
            Engine engine = Engine.getEngine("PyTorch");
            int gpuCount = engine.getGpuCount();
            String device = gpuCount > 0 ? "CUDA (" + gpuCount + " GPU" + (gpuCount > 1 ? "s" : "") + " visible to libtorch)"
                    : "CPU" + (gpuPresent ? " — libtorch sees no GPU although one is installed" : "");
            return List.of(new Line("libtorch loaded", engine.getVersion() + " from " + TensorProgram.libtorchPath(), false),
                    new Line("Device", "--device auto will use " + device, gpuPresent && gpuCount == 0));
        } catch (RuntimeException | LinkageError e) {
            return List.of(new Line("libtorch loaded", "failed: " + e.getMessage(), true));
        }
    }

    /** The "CUDA Version: 12.4" of nvidia-smi's banner: the newest CUDA the installed driver supports. */
    static String driverCudaVersion(String nvidiaSmiBanner) {
        Matcher m = Pattern.compile("CUDA Version:\\s*([0-9.]+)").matcher(nvidiaSmiBanner);
        return m.find() ? m.group(1) : "unknown";
    }

    private static List<String> listNames(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String safe(Supplier<String> probe) {
        try {
            return probe.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
