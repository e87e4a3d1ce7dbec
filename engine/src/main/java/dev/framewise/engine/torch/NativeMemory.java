package dev.framewise.engine.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from {@code /proc/self/status} (Linux): libtorch allocates outside the Java
 * heap, so this is how much memory the model really takes. -1 where the file does not exist.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** Current resident set size in bytes ({@code VmRSS}). */
    public static long residentBytes() {
        return field("VmRSS:");
    }

    /** Peak resident set size in bytes ({@code VmHWM}). */
    public static long peakResidentBytes() {
        return field("VmHWM:");
    }

    /**
     * Resets {@code VmHWM} to the current resident size (Linux: {@code 5} to {@code /proc/self/clear_refs}), so
     * that {@link #peakResidentBytes()} measures a stage after loading; false where that is not possible.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
