package dev.framewise.engine.store.device;

/** One NVIDIA GPU as nvidia-smi (or the CUDA runtime) reports it; {@code driver} may be empty. */
public record GpuInfo(int index, String name, long totalBytes, long freeBytes, String driver) {
}
