package dev.framewise.engine.gpu;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.gpu.GpuSetupException.Reason;
import dev.framewise.engine.store.hub.DownloadListener;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code framewise gpu setup | status | remove} for the CLI and the workbench: picks the CUDA libtorch build for
 * this machine and driver, downloads and verifies it, unpacks its libraries into the GPU folder and switches
 * them on for the next start; removing deletes the switch first, so the CPU build is back even if deleting the
 * libraries fails. Nothing here loads libtorch, so it works while the current one is broken.
 */
public final class GpuSetup {
    /** Free space wanted per archive byte for its unpacked libraries (shared libraries compress about 2:1). */
    private static final long UNPACK_FACTOR = 2;

    /** The build chosen for this machine; {@code note} says something the user should know but may ignore. */
    public record Plan(LibtorchBuild build, Optional<String> note) {
    }

    private final GpuSetupOptions options;
    private final HttpClient http;

    public GpuSetup(GpuSetupOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    public GpuSetupOptions options() {
        return options;
    }

    /** The build for this machine, checked against its driver. */
    public Plan plan(GpuDetection detection) {
        LibtorchBuild build = LibtorchBuild.forPlatform(System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""), options.baseUrl(), options.sha256());
        return new Plan(build, build.checkDriver(detection));
    }

    /**
     * Downloads (resuming a partial archive), verifies, unpacks and activates {@code build}; the archive is deleted
     * once unpacked. Takes effect at the next start of Framewise.
     */
    public GpuActivation install(LibtorchBuild build, DownloadListener listener, CancellationToken cancel) {
        try {
            Path folder = options.gpuDir().resolve(build.folderName());
            String sha = "";
            if (!LibtorchArchive.hasCudaLibrary(folder.resolve("lib"))
                    || !Files.isRegularFile(folder.resolve("lib").resolve(System.mapLibraryName("torch")))) {
                Path archive = options.gpuDir().resolve("downloads").resolve(build.fileName());
                ArchiveDownload.Result got = new ArchiveDownload(http, build.url(), archive, options, UNPACK_FACTOR,
                        listener, cancel).run();
                sha = got.sha256();
                Path partial = options.gpuDir().resolve(build.folderName() + ".partial");
                deleteTree(partial);
                LibtorchArchive.unpack(got.file(), partial);
                deleteTree(folder);
                Files.move(partial, folder);
                Files.deleteIfExists(got.file());
            }
            GpuActivation activation = new GpuActivation(folder.resolve("lib").toAbsolutePath(), build.version(),
                    build.djlVersion(), build.flavor(), sha, build.url().toString(), Instant.now());
            activation.write(options.gpuDir());
            return activation;
        } catch (IOException e) {
            throw new GpuSetupException(Reason.OTHER, "cannot install the CUDA libtorch in " + options.gpuDir() + " ("
                    + e.getMessage() + "); Framewise keeps using the CPU", e);
        }
    }

    public Optional<GpuActivation> active() {
        return GpuActivation.read(options.gpuDir());
    }

    /**
     * Switches back to the bundled CPU libtorch (from the next start) and deletes the CUDA libraries and partial
     * downloads. @return whether anything was there
     */
    public boolean remove() {
        Path gpuDir = options.gpuDir();
        if (!Files.isDirectory(gpuDir)) return false;
        try {
            Files.deleteIfExists(GpuActivation.file(gpuDir)); // first: the CPU is back whatever happens next
            deleteTree(gpuDir);
            return true;
        } catch (IOException e) {
            throw new GpuSetupException(Reason.OTHER, "switched back to the CPU, but " + gpuDir + " could not be "
                    + "deleted entirely (" + e.getMessage() + "); delete it by hand to free the space", e);
        }
    }

    public static String bundledVersion() {
        return LibtorchBuild.engineVersions()[0];
    }

    public static String bundledDjlVersion() {
        return LibtorchBuild.engineVersions()[1];
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
