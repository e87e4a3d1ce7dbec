package dev.framewise.engine.media;

import dev.framewise.engine.api.EngineException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * relink), of a model file (the Hub's LFS hash), of a model folder ({@link #ofModelFolder}) and of any bytes. {@link #of} remembers a file's hash per (path,
 * size, modification time) so asking again about a large video does not read it again.
 */
public final class ContentHash {
    private record Stamp(Path path, long size, long modifiedMillis) {
    }

    private static final Map<Stamp, String> KNOWN = new ConcurrentHashMap<>();
    private static final long MAX_SAFETENSORS_HEADER = 100L << 20;

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

    /**
     * A local model folder's fingerprint, {@code sha256:HEX} over what defines the checkpoint, cheaply: its
     * {@code config.json}, a zero byte, and its weights index ({@code model.safetensors.index.json} for sharded
     * weights, else the JSON header of {@code model.safetensors}, which names every tensor with its dtype, shape and
     * offsets). Hashing gigabytes of weights on every run would be too slow; a fine-tune that changes values but not
     * layout shares the index, so the config is part of it too. Batch and eval lines and session runs record it.
     */
    public static String ofModelFolder(Path folder) {
        try {
            ByteArrayOutputStream identity = new ByteArrayOutputStream();
            identity.write(Files.readAllBytes(folder.resolve("config.json")));
            identity.write(0);
            Path index = folder.resolve("model.safetensors.index.json");
            identity.write(Files.exists(index) ? Files.readAllBytes(index) : safetensorsHeader(folder.resolve("model.safetensors")));
            return "sha256:" + sha256(identity.toByteArray());
        } catch (IOException e) {
            throw new EngineException("Cannot fingerprint the model in " + folder + ": " + e.getMessage()
                    + " (a model folder needs config.json and model.safetensors or its index).", e);
        }
    }

    /** A safetensors file starts with the little-endian u64 length of its JSON header, then the header. */
    private static byte[] safetensorsHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] lengthBytes = in.readNBytes(8);
            if (lengthBytes.length < 8) throw new IOException(file.getFileName() + " is too short to be safetensors");
            long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (length <= 0 || length > MAX_SAFETENSORS_HEADER) {
                throw new IOException(file.getFileName() + " has an implausible safetensors header length " + length);
            }
            return in.readNBytes((int) length);
        }
    }
}
