package dev.framewise.sessions.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix:
 * the new content goes to a temp file in the same folder (same file system, so the rename is atomic),
 * is flushed and fsynced, the old file is kept as {@code NAME.bak}, and the temp file is renamed over.
 */
final class AtomicFileWriter {

    /** Writes the whole content to the stream (which must not be closed). */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Test hook: runs after the temp file is complete and before the rename (throw to simulate a crash). */
    @FunctionalInterface
    interface BeforeRename {
        void run(Path temp) throws IOException;
    }

    static final BeforeRename NO_FAULT = temp -> { };

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BeforeRename beforeRename;

    AtomicFileWriter(BeforeRename beforeRename) {
        this.beforeRename = beforeRename;
    }

    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    void write(Path file, Content content) throws IOException {
        // Through a symbolic link the target is replaced and the link stays a link (renaming over the link would
        // replace the link by a plain file and leave the target stale).
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
        Path dir = target.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would replace the file's own on every save.
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                keepPermissions(target, temp);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            beforeRename.run(temp);
            if (Files.exists(target)) keepBackup(target);
            moveOver(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncFolder(dir);
    }

    /**
     * Keeps the current file as the backup. A hard link costs nothing and shares the old content; the
     * link is made under a temp name and renamed so the previous backup is replaced in one step.
     */
    private static void keepBackup(Path target) throws IOException {
        Path backup = backupOf(target);
        Path link = target.resolveSibling("." + target.getFileName() + ".bak-" + System.nanoTime() + ".tmp");
        try {
            Files.createLink(link, target);
            moveOver(link, backup);
        } catch (UnsupportedOperationException | IOException e) {
            // Some file systems (FAT, some network shares) have no hard links: copy instead.
            Files.deleteIfExists(link);
            Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * A replaced file keeps its POSIX permissions (a session the user shared read-only stays so); a new one is
     * readable by the user only (0600): sessions hold prompts and paths of private media.
     */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) return;
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-------"));
    }

    /** Folders this writer creates are the user's only (0700); existing ones are left as they are. */
    static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (parent != null) createPrivateDirectories(parent);
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** Whether a file is a temp file this writer left behind when its process was killed mid-save. */
    static boolean isLeftoverTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && name.contains(FileSessionStore.EXTENSION);
    }

    private static void moveOver(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable (POSIX); Windows cannot open a folder for this and needs no such step. */
    private static void syncFolder(Path dir) {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself is already on disk.
        }
    }
}
