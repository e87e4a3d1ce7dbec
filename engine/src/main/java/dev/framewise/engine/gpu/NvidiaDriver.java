package dev.framewise.engine.gpu;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed NVIDIA driver: its version and the newest CUDA version it supports. nvidia-smi's banner names
 * both; where only {@code /proc/driver/nvidia/version} is readable (no nvidia-smi on PATH), the CUDA version
 * comes from NVIDIA's table of the first Linux driver of each CUDA release (CUDA Toolkit release notes,
 * "CUDA Toolkit and Corresponding Driver Versions").
 *
 * @param source where the figures were read, for {@code gpu status}
 */
public record NvidiaDriver(String version, Optional<CudaVersion> cuda, String source) {
    private static final Pattern SMI_DRIVER = Pattern.compile("Driver Version:\\s*([0-9.]+)");
    private static final Pattern SMI_CUDA = Pattern.compile("CUDA Version:\\s*([0-9.]+)");
    private static final Pattern PROC_VERSION = Pattern.compile("Kernel Module(?:\\s+for\\s+\\S+)?\\s+([0-9]+\\.[0-9.]+)");

    /** {first Linux driver (major, minor), CUDA major, minor}, newest first. */
    private static final List<int[]> LINUX_DRIVER_CUDA = List.of(
            new int[] {575, 51, 12, 9}, new int[] {570, 26, 12, 8}, new int[] {560, 28, 12, 6},
            new int[] {555, 42, 12, 5}, new int[] {550, 54, 12, 4}, new int[] {545, 23, 12, 3},
            new int[] {535, 54, 12, 2}, new int[] {530, 30, 12, 1}, new int[] {525, 60, 12, 0},
            new int[] {520, 61, 11, 8}, new int[] {450, 80, 11, 0});

    /** From nvidia-smi's default output (the table whose banner reads "Driver Version: … CUDA Version: …"). */
    public static Optional<NvidiaDriver> fromNvidiaSmi(String banner) {
        Matcher driver = SMI_DRIVER.matcher(banner);
        if (!driver.find()) return Optional.empty();
        Matcher cuda = SMI_CUDA.matcher(banner);
        Optional<CudaVersion> version = cuda.find() ? CudaVersion.parse(cuda.group(1)) : Optional.empty();
        if (version.isEmpty()) version = cudaForLinuxDriver(driver.group(1));
        return Optional.of(new NvidiaDriver(driver.group(1), version, "nvidia-smi"));
    }

    /** From {@code /proc/driver/nvidia/version} ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14 …"). */
    public static Optional<NvidiaDriver> fromProcVersion(String text) {
        Matcher m = PROC_VERSION.matcher(text);
        if (!m.find()) return Optional.empty();
        return Optional.of(new NvidiaDriver(m.group(1), cudaForLinuxDriver(m.group(1)), "/proc/driver/nvidia/version"));
    }

    /** The newest CUDA a Linux driver of this version supports, from NVIDIA's table; empty below 450.80. */
    static Optional<CudaVersion> cudaForLinuxDriver(String driverVersion) {
        String[] parts = driverVersion.split("\\.");
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        for (int[] row : LINUX_DRIVER_CUDA) {
            if (major > row[0] || (major == row[0] && minor >= row[1])) return Optional.of(new CudaVersion(row[2], row[3]));
        }
        return Optional.empty();
    }
}
