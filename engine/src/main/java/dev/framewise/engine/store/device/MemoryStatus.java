package dev.framewise.engine.store.device;

import java.util.List;

/**
 * Memory this machine can give a model now.
 *
 * @param ramAvailableBytes what the OS can hand out without swapping (Linux MemAvailable)
 * @param gpus              NVIDIA GPUs found, empty when none
 */
public record MemoryStatus(long ramTotalBytes, long ramAvailableBytes, List<GpuInfo> gpus) {
    public MemoryStatus {
        gpus = List.copyOf(gpus);
    }
}
