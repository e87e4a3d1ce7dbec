package dev.framewise.engine.model;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

import java.io.IOException;
import java.lang.management.MemoryUsage;

/** Free memory where the tensor program runs: available RAM for the CPU, free GPU memory for CUDA. */
public final class DeviceMemory {
    private DeviceMemory() {
    }

    /** Bytes that can still be allocated, or 0 when unknown (callers then do not refuse anything). */
    public static long freeBytes(ComputeDevice device) {
        if (device == ComputeDevice.CUDA) return freeGpuBytes();
        return SystemMemory.ram().availableBytes();
    }

    /**
     * Free memory of GPU 0: the CUDA runtime's {@code cudaMemGetInfo} through DJL, else nvidia-smi (DJL's runtime
     * query needs a {@code libcudart} it can load by name; a driver-only machine may have none), else 0.
     */
    static long freeGpuBytes() {
        try {
            MemoryUsage gpu = CudaUtils.getGpuMemory(Device.gpu());
            if (gpu.getMax() > 0) return gpu.getMax() - gpu.getCommitted();
        } catch (RuntimeException | LinkageError e) {
            // fall through to nvidia-smi
        }
        return nvidiaSmiFreeBytes();
    }

    /** {@code nvidia-smi --query-gpu=memory.free} of GPU 0 in bytes, 0 when it is missing, fails or hangs (10 s). */
    private static long nvidiaSmiFreeBytes() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=memory.free", "--format=csv,noheader,nounits",
                    "--id=0").redirectErrorStream(true).start();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            return p.exitValue() == 0 && out.matches("\\d+") ? Long.parseLong(out) << 20 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
