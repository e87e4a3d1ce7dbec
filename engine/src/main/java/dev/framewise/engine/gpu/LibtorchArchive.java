package dev.framewise.engine.gpu;

import dev.framewise.engine.gpu.GpuSetupException.Reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the libraries of a libtorch zip ({@code libtorch/lib/…}; the headers and CMake files are not needed to
 * run) into a folder. Read as a stream so every entry's CRC-32 and size are checked, which is the integrity check
 * left where no SHA-256 is pinned.
 */
final class LibtorchArchive {
    private LibtorchArchive() {
    }

    /**
     * @param into a new folder; it receives {@code lib/} with the libraries
     * @throws GpuSetupException CORRUPT when the zip is damaged or holds no CUDA libtorch
     */
    static void unpack(Path zip, Path into) throws IOException {
        Path lib = into.resolve("lib");
        Files.createDirectories(lib);
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName().replace('\\', '/');
                int at = name.indexOf("lib/");
                if (e.isDirectory() || at < 0 || name.substring(0, at).chars().filter(c -> c == '/').count() > 1) continue;
                Path out = lib.resolve(name.substring(at + "lib/".length())).normalize();
                if (!out.startsWith(lib)) throw corrupt(zip, "an entry points outside its folder: " + name, null);
                Files.createDirectories(out.getParent());
                Files.copy(in, out);
                files++;
            }
        } catch (ZipException e) {
            throw corrupt(zip, e.getMessage(), e);
        }
        String torch = System.mapLibraryName("torch");
        if (files == 0 || !Files.isRegularFile(lib.resolve(torch))) {
            throw corrupt(zip, "it holds no lib/" + torch, null);
        }
        if (!hasCudaLibrary(lib)) throw corrupt(zip, "it is a CPU build (no torch_cuda library in lib/)", null);
        exposeCudaRuntime(lib, into.resolve(CUDART_DIR));
    }

    /** The folder, beside {@code lib/}, where the CUDA runtime is copied under its plain name. */
    static final String CUDART_DIR = "cudart";

    /**
     * DJL counts GPUs and reads their free memory through the CUDA runtime, which it loads by its plain name
     * ({@code libcudart.so}, through JNA). The libtorch zip ships it under a hashed name
     * ({@code libcudart-c3a75b33.so.12}), so on a machine with the driver only, DJL would see no GPU although
     * libtorch runs on it. A copy under the plain name, in a folder of its own (DJL loads every file of
     * {@code lib/}), is put on {@code jna.library.path} at start. Windows' {@code cudart64_12.dll} keeps its name.
     */
    static void exposeCudaRuntime(Path lib, Path into) throws IOException {
        try (var files = Files.list(lib)) {
            Path cudart = files.filter(p -> p.getFileName().toString().matches("libcudart(-[0-9a-f]+)?\\.so\\.[0-9.]+"))
                    .findFirst().orElse(null);
            if (cudart == null) return;
            Files.createDirectories(into);
            Files.copy(cudart, into.resolve("libcudart.so"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A CUDA build of libtorch has {@code libtorch_cuda.so} / {@code torch_cuda.dll} beside {@code libtorch}. */
    static boolean hasCudaLibrary(Path lib) {
        return Files.isRegularFile(lib.resolve(System.mapLibraryName("torch_cuda")));
    }

    private static GpuSetupException corrupt(Path zip, String why, Throwable cause) {
        try {
            Files.deleteIfExists(zip);
        } catch (IOException ignored) {
            // the message below still tells the user to retry
        }
        return new GpuSetupException(Reason.CORRUPT, "the downloaded libtorch archive is not usable (" + why + "); it "
                + "was deleted and nothing was changed: run framewise gpu setup again", cause);
    }
}
