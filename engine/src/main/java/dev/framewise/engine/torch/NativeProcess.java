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

        int setenv(String name, String value, int overwrite);
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
     * Asks libtorch to back its large tensors with transparent huge pages ({@code THP_MEM_ALLOC_ENABLE}, read once, at
     * its first allocation: call this before any tensor exists). Copying a 7B model's quantised cache into 4 KiB
     * pages costs a page fault per page (docs/decode-speed.md). A value the user set is kept.
     */
    public static void preferHugePages() {
        if (LIBC == null || !Platform.isLinux()) return;
        try {
            LIBC.setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
        } catch (UnsatisfiedLinkError e) {
            // no setenv: libtorch keeps its default pages
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
