package dev.framewise.engine.gpu;

import dev.framewise.engine.store.discovery.StoreLocations;
import dev.framewise.engine.store.hub.DownloadOptions.FreeSpaceProbe;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how {@code framewise gpu setup} downloads and installs the CUDA libtorch.
 *
 * @param gpuDir       Framewise's GPU folder: the activation file, the unpacked libtorch, partial downloads
 * @param baseUrl      the libtorch download server ({@code FRAMEWISE_LIBTORCH_URL}; tests point it at a local one)
 * @param sha256       a SHA-256 to require of the archive ({@code FRAMEWISE_LIBTORCH_SHA256}, {@code --sha256})
 * @param retries      attempts after a dropped connection, each resuming where it stopped
 * @param stallTimeout a connection that delivers no byte for this long is dropped and resumed
 * @param reserveBytes space to leave free beyond the archive and its unpacked libraries
 */
public record GpuSetupOptions(Path gpuDir, URI baseUrl, Optional<String> sha256, int retries, Duration retryDelay,
                              Duration stallTimeout, long reserveBytes, FreeSpaceProbe freeSpace) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://download.pytorch.org/libtorch");

    public GpuSetupOptions {
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        sha256 = sha256.map(s -> s.trim().toLowerCase(java.util.Locale.ROOT)).filter(s -> !s.isEmpty());
        if (sha256.isPresent() && !sha256.get().matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 is 64 hexadecimal digits, got " + sha256.get());
        }
    }

    /** The GPU folder of Framewise's data folder, and the environment's overrides. */
    public static GpuSetupOptions fromEnvironment(Map<String, String> env) {
        Path data = StoreLocations.dataDir(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
        String url = env.getOrDefault("FRAMEWISE_LIBTORCH_URL", System.getProperty("framewise.libtorch.url", ""));
        return new GpuSetupOptions(data.resolve("gpu"), url.isBlank() ? DEFAULT_BASE_URL : URI.create(url.trim()),
                Optional.ofNullable(env.get("FRAMEWISE_LIBTORCH_SHA256")), 5, Duration.ofSeconds(2),
                Duration.ofSeconds(60), 512L << 20, FreeSpaceProbe.FILE_STORE);
    }

    public GpuSetupOptions withSha256(Optional<String> sha) {
        return new GpuSetupOptions(gpuDir, baseUrl, sha, retries, retryDelay, stallTimeout, reserveBytes, freeSpace);
    }

    public GpuSetupOptions withRetries(int n) {
        return new GpuSetupOptions(gpuDir, baseUrl, sha256, n, retryDelay, stallTimeout, reserveBytes, freeSpace);
    }

    public GpuSetupOptions withFreeSpace(FreeSpaceProbe probe) {
        return new GpuSetupOptions(gpuDir, baseUrl, sha256, retries, retryDelay, stallTimeout, reserveBytes, probe);
    }
}
