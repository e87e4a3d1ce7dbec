package dev.framewise.engine.gpu;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The switch to the CUDA libtorch: {@code <gpu folder>/active.properties}, written atomically (a temporary file
 * moved over the old one) by {@code framewise gpu setup} and deleted by {@code framewise gpu remove}. Every
 * Framewise start (launcher script, installed app, CLI) reads it before DJL loads and sets DJL's
 * {@code PYTORCH_LIBRARY_PATH} and {@code PYTORCH_FLAVOR}, which DJL 0.36 reads as environment variables or
 * system properties.
 *
 * @param libraryPath the folder holding {@code libtorch.so} / {@code torch.dll} and the CUDA libraries
 * @param flavor      DJL's flavour ({@code cu128}): picks DJL's JNI library from the pytorch-jni jar
 */
public record GpuActivation(Path libraryPath, String version, String djlVersion, String flavor, String sha256,
                            String url, Instant activated) {
    public static final String FILE_NAME = "active.properties";

    public static Path file(Path gpuDir) {
        return gpuDir.resolve(FILE_NAME);
    }

    /** The activation in this GPU folder; empty when there is none or it cannot be read. */
    public static Optional<GpuActivation> read(Path gpuDir) {
        Path file = file(gpuDir);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new GpuActivation(Path.of(p.getProperty("library_path")), p.getProperty("pytorch_version"),
                    p.getProperty("djl_version"), p.getProperty("pytorch_flavor"), p.getProperty("sha256", ""),
                    p.getProperty("url", ""), Instant.parse(p.getProperty("activated"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes this activation atomically: a reader sees the old file or the new one, never a half-written one. */
    public void write(Path gpuDir) throws IOException {
        Files.createDirectories(gpuDir);
        Properties p = new Properties();
        p.setProperty("library_path", libraryPath.toAbsolutePath().toString());
        p.setProperty("pytorch_version", version);
        p.setProperty("djl_version", djlVersion);
        p.setProperty("pytorch_flavor", flavor);
        p.setProperty("sha256", sha256);
        p.setProperty("url", url);
        p.setProperty("activated", activated.toString());
        Path tmp = Files.createTempFile(gpuDir, FILE_NAME, ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Framewise: the CUDA libtorch in use (framewise gpu remove switches back to the CPU)");
            }
            Files.move(tmp, file(gpuDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Why this activation cannot be used by this build of Framewise, or empty when it can: its libraries must
     * still be there and match the bundled DJL engine's libtorch version (an upgrade of Framewise may move it).
     */
    public Optional<String> problem(String bundledVersion, String bundledDjlVersion) {
        if (!Files.isRegularFile(libraryPath.resolve(System.mapLibraryName("torch")))) {
            return Optional.of("its libtorch folder " + libraryPath + " is gone");
        }
        if (!version.equals(bundledVersion) || !djlVersion.equals(bundledDjlVersion)) {
            return Optional.of("it is libtorch " + version + " for DJL " + djlVersion + ", but this Framewise needs "
                    + bundledVersion + " for DJL " + bundledDjlVersion + ": run framewise gpu setup again");
        }
        return Optional.empty();
    }
}
