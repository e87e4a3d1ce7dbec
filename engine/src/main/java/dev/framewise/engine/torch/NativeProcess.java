package dev.framewise.engine.torch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few C library calls the engine makes on its own process (through JNA). Where the C library cannot be
 * reached (Windows, an unusual libc) each call does nothing beyond what it wraps.
 */
public final class NativeProcess {
    interface LibC extends Library {
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
