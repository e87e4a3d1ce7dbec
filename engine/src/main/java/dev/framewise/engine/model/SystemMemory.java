package dev.framewise.engine.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's RAM: Linux {@code /proc/meminfo} ({@code MemAvailable} counts reclaimable page cache as free,
 * which the JVM's view does not), else the JVM's view of the operating system. The one reader of it.
 */
public final class SystemMemory {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /** Bytes of RAM in all and available now. */
    public record Ram(long totalBytes, long availableBytes) {
    }

    private SystemMemory() {
    }

    public static Ram ram() {
        if (Files.isReadable(MEMINFO)) {
            try {
                Ram parsed = parseMeminfo(Files.readString(MEMINFO, StandardCharsets.US_ASCII));
                if (parsed.totalBytes() > 0 && parsed.availableBytes() > 0) return parsed;
            } catch (IOException | NumberFormatException ignored) {
                // fall back to the JVM's view below
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Ram(os.getTotalMemorySize(), os.getFreeMemorySize());
    }

    /** {@code MemTotal} and {@code MemAvailable} in bytes from {@code /proc/meminfo} text (values there are in kB), -1 where absent. */
    public static Ram parseMeminfo(String text) {
        long total = -1;
        long available = -1;
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2) continue;
            if (parts[0].equals("MemTotal:")) total = Long.parseLong(parts[1]) * 1024;
            if (parts[0].equals("MemAvailable:")) available = Long.parseLong(parts[1]) * 1024;
        }
        return new Ram(total, available);
    }
}
