package dev.framewise.engine.model;

import dev.framewise.engine.media.MediaException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of a file's bytes, remembered per (path, size, modification time) so asking again about a large video
 * does not read it again.
 */
public final class ContentHash {
    private record Stamp(Path path, long size, long modifiedMillis) {
    }

    private static final Map<Stamp, String> KNOWN = new ConcurrentHashMap<>();

    private ContentHash() {
    }

    public static String of(Path file) {
        try {
            Path real = file.toRealPath();
            Stamp stamp = new Stamp(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
            String known = KNOWN.get(stamp);
            if (known != null) return known;
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(real)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            KNOWN.put(stamp, hash);
            return hash;
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found (" + file.toAbsolutePath() + "); check the path", e);
        } catch (IOException e) {
            throw new MediaException(file, "cannot be read (" + e.getMessage() + "); check the path and permissions", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
