package dev.framewise.engine.torch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.util.function.BooleanSupplier;

/**
 * The few C library calls the engine makes on its own process (through JNA). Where the C library cannot be
 * reached (Windows, an unusual libc) each call does nothing beyond what it wraps.
 */
public final class NativeProcess {
    private static final int STDERR = 2;
    private static final int O_WRONLY = 1; // Linux and macOS

    interface LibC extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);

        int malloc_trim(long pad); // glibc only
    }

    private static final LibC LIBC = loadLibC();

    private NativeProcess() {
    }

    private static LibC loadLibC() {
        if (Platform.isWindows()) return null;
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Runs a native call with standard error (file descriptor 2) pointed at the null device, for libtorch calls
     * whose one-time warnings mean nothing to a user (fbgemm's fp16 ops print that they are deprecated on first
     * use). Java's own {@code System.err} shares the descriptor, so keep the call short.
     */
    public static synchronized boolean withStderrMuted(BooleanSupplier call) {
        if (LIBC == null) return call.getAsBoolean();
        int saved = LIBC.dup(STDERR);
        int sink = LIBC.open("/dev/null", O_WRONLY);
        if (saved < 0 || sink < 0) {
            if (saved >= 0) LIBC.close(saved);
            if (sink >= 0) LIBC.close(sink);
            return call.getAsBoolean();
        }
        System.err.flush();
        LIBC.dup2(sink, STDERR);
        LIBC.close(sink);
        try {
            return call.getAsBoolean();
        } finally {
            LIBC.dup2(saved, STDERR);
            LIBC.close(saved);
        }
    }

    /**
     * Hands the heap's free memory back to the system (glibc's {@code malloc_trim}): after loading, the temporary
     * float32 copies the packing made on several threads stay in per-thread malloc arenas otherwise, hundreds of
     * MB of resident memory nothing uses.
     */
    public static void releaseFreeHeap() {
        if (LIBC == null || !Platform.isLinux()) return;
        try {
            LIBC.malloc_trim(0);
        } catch (UnsatisfiedLinkError e) {
            // not glibc (e.g. musl): nothing to release this way
        }
    }
}
