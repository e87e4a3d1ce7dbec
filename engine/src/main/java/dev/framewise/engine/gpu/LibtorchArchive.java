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
