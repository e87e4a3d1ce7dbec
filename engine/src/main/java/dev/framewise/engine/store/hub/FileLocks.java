package dev.framewise.engine.store.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Work on the hub cache that one pull at a time may do: an OS lock ({@link FileChannel#lock()}) on a lock file
 * against other processes, and a process-wide lock against other threads (a {@link FileLock} is held per
 * process, so a second {@code lock()} in the same process would throw instead of waiting).
 */
final class FileLocks {
    private static final ConcurrentMap<Path, ReentrantLock> HELD = new ConcurrentHashMap<>();

    interface Work<T> {
        T run() throws IOException;
    }

    private FileLocks() {
    }

    /** Runs {@code work} holding {@code lockFile} (created if missing, left in place); waits for other holders. */
    static <T> T holding(Path lockFile, Work<T> work) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        Files.createDirectories(key.getParent());
        ReentrantLock local = HELD.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return work.run();
        } finally {
            local.unlock();
        }
    }
}
