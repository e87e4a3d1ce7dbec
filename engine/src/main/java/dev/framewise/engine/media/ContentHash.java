package dev.framewise.engine.media;

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
 * SHA-256 in lower-case hex: the identity of a media file wherever it moves (the vision cache's key, a session's
 * relink), of a model file (the Hub's LFS hash) and of any bytes. {@link #of} remembers a file's hash per (path,
 * size, modification time) so asking again about a large video does not read it again.
 */
public final class ContentHash {
    private record Stamp(Path path, long size, long modifiedMillis) {
    }

    private static final Map<Stamp, String> KNOWN = new ConcurrentHashMap<>();

    private ContentHash() {
    }

    /** A media file's hash, remembered; a missing or unreadable file is a {@link MediaException} for the user. */
    public static String of(Path file) {
        try {
            Path real = file.toRealPath();
            Stamp stamp = new Stamp(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
            String known = KNOWN.get(stamp);
            if (known != null) return known;
            String hash = sha256(real);
            KNOWN.put(stamp, hash);
            return hash;
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found (" + file.toAbsolutePath() + "); check the path", e);
        } catch (IOException e) {
            throw new MediaException(file, "cannot be read (" + e.getMessage() + "); check the path and permissions", e);
        }
    }

    /** The hash of a whole file, read now. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    /** A fresh SHA-256 digest, for content fed in pieces. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
