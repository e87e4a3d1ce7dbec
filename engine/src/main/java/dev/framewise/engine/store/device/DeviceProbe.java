package dev.framewise.engine.store.device;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.framewise.engine.model.SystemMemory;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the machine without loading libtorch: RAM (Linux {@code /proc/meminfo}, else the JVM's view of the OS),
 * NVIDIA GPUs (nvidia-smi, else DJL's CUDA runtime probe), and where the CUDA driver library is.
 */
public final class DeviceProbe {
    public static final List<String> NVIDIA_SMI_QUERY = List.of("--query-gpu=index,name,memory.total,memory.free,"
            + "driver_version", "--format=csv,noheader,nounits");
    private static final long MIB = 1L << 20;

    private final Map<String, String> env;

    public DeviceProbe(Map<String, String> env) {
        this.env = env;
    }

    public MemoryStatus memory() {
        long[] ram = ram();
        return new MemoryStatus(ram[0], ram[1], gpus());
    }

    /** {total, available} bytes of RAM. */
    static long[] ram() {
        SystemMemory.Ram ram = SystemMemory.ram();
        return new long[] {ram.totalBytes(), ram.availableBytes()};
    }

    /** {MemTotal, MemAvailable} in bytes from {@code /proc/meminfo} text (values there are in kB). */
    static long[] parseMeminfo(String text) {
        SystemMemory.Ram ram = SystemMemory.parseMeminfo(text);
        return new long[] {ram.totalBytes(), ram.availableBytes()};
    }

    /** GPUs from nvidia-smi; without it, from DJL's CUDA runtime probe (names then unknown). */
    public List<GpuInfo> gpus() {
        Optional<String> smi = run(nvidiaSmi(), NVIDIA_SMI_QUERY);
        if (smi.isPresent()) return parseNvidiaSmi(smi.get());
        List<GpuInfo> gpus = new ArrayList<>();
        try {
            for (int i = 0; i < CudaUtils.getGpuCount(); i++) {
                MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
                gpus.add(new GpuInfo(i, "CUDA device " + i + " (compute " + CudaUtils.getComputeCapability(i) + ")",
                        m.getMax(), m.getMax() - m.getUsed(), ""));
            }
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
        return gpus;
    }

    /** Parses {@code index, name, memory.total, memory.free, driver_version} lines (MiB, no units). */
    public static List<GpuInfo> parseNvidiaSmi(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length < 5) continue;
            try {
                gpus.add(new GpuInfo(Integer.parseInt(f[0].trim()), f[1].trim(), Long.parseLong(f[2].trim()) * MIB,
                        Long.parseLong(f[3].trim()) * MIB, f[4].trim()));
            } catch (NumberFormatException e) {
                // a GPU nvidia-smi cannot read ("[N/A]") is skipped rather than guessed
            }
        }
        return gpus;
    }

    /** The nvidia-smi executable: on PATH, or where the Windows driver installs it. */
    public String nvidiaSmi() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            Path p = Path.of(env.getOrDefault("SystemRoot", "C:\\Windows"), "System32", "nvidia-smi.exe");
            if (Files.isRegularFile(p)) return p.toString();
        }
        return "nvidia-smi";
    }

    /** The CUDA driver library (libcuda / nvcuda.dll) if installed where the loader looks. */
    public Optional<Path> cudaDriverLibrary() {
        List<Path> candidates = new ArrayList<>();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            candidates.add(Path.of(env.getOrDefault("SystemRoot", "C:\\Windows"), "System32", "nvcuda.dll"));
        } else {
            String ld = env.getOrDefault("LD_LIBRARY_PATH", "");
            for (String dir : ld.split(":")) if (!dir.isBlank()) candidates.add(Path.of(dir, "libcuda.so.1"));
            for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib/aarch64-linux-gnu",
                    "/usr/lib/wsl/lib", "/usr/local/cuda/compat", "/usr/lib")) {
                candidates.add(Path.of(dir, "libcuda.so.1"));
            }
        }
        return candidates.stream().filter(Files::exists).findFirst();
    }

    /**
     * Runs a small command; empty when it is missing, fails or takes more than 10 s (a wedged driver can make
     * nvidia-smi hang, so its output goes to a file rather than a pipe this thread would block on).
     */
    public static Optional<String> run(String command, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(args);
        Path out = null;
        try {
            out = Files.createTempFile("framewise-probe", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(Files.readString(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
