package dev.framewise.engine.gpu;

import dev.framewise.engine.store.device.DeviceProbe;
import dev.framewise.engine.store.device.GpuInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The NVIDIA GPUs and driver of this machine, read without loading libtorch: nvidia-smi (its CSV query for the
 * GPUs, its banner for the driver and CUDA versions), else on Linux {@code /proc/driver/nvidia} (the kernel
 * module's version file and one {@code gpus/<bus id>/information} file per GPU).
 */
public record GpuDetection(List<GpuInfo> gpus, Optional<NvidiaDriver> driver) {
    private static final Path PROC_NVIDIA = Path.of("/proc/driver/nvidia");

    public GpuDetection {
        gpus = List.copyOf(gpus);
    }

    public boolean hasGpu() {
        return !gpus.isEmpty();
    }

    /** Runs nvidia-smi (at most 10 s each) and reads {@code /proc/driver/nvidia} when it is there. */
    public static GpuDetection probe(Map<String, String> env) {
        DeviceProbe probe = new DeviceProbe(env);
        Optional<String> query = DeviceProbe.run(probe.nvidiaSmi(), DeviceProbe.NVIDIA_SMI_QUERY);
        Optional<String> banner = DeviceProbe.run(probe.nvidiaSmi(), List.of());
        return from(query, banner, readProc(PROC_NVIDIA));
    }

    /**
     * @param smiQuery  nvidia-smi's {@code --query-gpu=index,name,memory.total,memory.free,driver_version} CSV
     * @param smiBanner nvidia-smi's default output
     * @param proc      the contents of {@code /proc/driver/nvidia}: {@code version} and {@code gpus/…/information}
     *                  keyed by their path below that folder
     */
    public static GpuDetection from(Optional<String> smiQuery, Optional<String> smiBanner, Map<String, String> proc) {
        List<GpuInfo> gpus = smiQuery.map(DeviceProbe::parseNvidiaSmi).orElse(List.of());
        if (gpus.isEmpty()) gpus = procGpus(proc);
        Optional<NvidiaDriver> driver = smiBanner.flatMap(NvidiaDriver::fromNvidiaSmi);
        if (driver.isEmpty() && proc.containsKey("version")) driver = NvidiaDriver.fromProcVersion(proc.get("version"));
        if (driver.isEmpty() && !gpus.isEmpty() && !gpus.get(0).driver().isEmpty()) {
            String v = gpus.get(0).driver();
            driver = Optional.of(new NvidiaDriver(v, NvidiaDriver.cudaForLinuxDriver(v), "nvidia-smi --query-gpu"));
        }
        return new GpuDetection(gpus, driver);
    }

    /** GPUs named by the {@code Model:} line of each {@code gpus/<bus id>/information} file (sizes unknown). */
    static List<GpuInfo> procGpus(Map<String, String> proc) {
        List<GpuInfo> gpus = new ArrayList<>();
        proc.entrySet().stream().filter(e -> e.getKey().startsWith("gpus/") && e.getKey().endsWith("/information"))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    String model = e.getValue().lines().filter(l -> l.startsWith("Model:"))
                            .map(l -> l.substring("Model:".length()).trim()).findFirst().orElse("NVIDIA GPU");
                    gpus.add(new GpuInfo(gpus.size(), model, 0, 0, ""));
                });
        return gpus;
    }

    /** The small text files below {@code /proc/driver/nvidia}, keyed by their relative path; empty without it. */
    static Map<String, String> readProc(Path root) {
        if (!Files.isDirectory(root)) return Map.of();
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root, 3)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.equals("version") || rel.endsWith("/information")) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable /proc entry leaves the detection to nvidia-smi
        }
        return files;
    }
}
