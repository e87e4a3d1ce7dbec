package dev.framewise.engine.model;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free memory where the tensor program runs: available RAM for the CPU, free GPU memory for CUDA. */
public final class DeviceMemory {
    private DeviceMemory() {
    }

    /** Bytes that can still be allocated, or 0 when unknown (callers then do not refuse anything). */
    public static long freeBytes(ComputeDevice device) {
        if (device == ComputeDevice.CUDA) {
            MemoryUsage gpu = CudaUtils.getGpuMemory(Device.gpu());
            return gpu.getMax() > 0 ? gpu.getMax() - gpu.getCommitted() : 0;
        }
        long available = memAvailable();
        if (available > 0) return available;
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getFreeMemorySize();
    }

    /** Linux {@code MemAvailable} (free memory plus reclaimable page cache), 0 elsewhere. */
    private static long memAvailable() {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.isReadable(meminfo)) return 0;
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
