package dev.framewise.sessions.record;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.sessions.model.ModelInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies a local checkpoint by what defines it, cheaply: the SHA-256 of its {@code config.json} and of
 * its weights index ({@code model.safetensors.index.json} for sharded weights, else the JSON header of
 * {@code model.safetensors}, which names every tensor with its dtype, shape and offsets). Hashing gigabytes
 * of weights on every run would be too slow; a fine-tune that changes values but not layout shares the
 * index, so the config hash is part of it too.
 */
public final class ModelFingerprint {
    private static final long MAX_HEADER = 100L << 20;

    private ModelFingerprint() {
    }

    /** A local model folder: its name is the folder's name unless given. */
    public static ModelInfo local(String name, Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        return new ModelInfo(name != null ? name : dir.getFileName().toString(), dir.toString(), of(dir));
    }

    /** A model served remotely: nothing to fingerprint from here. */
    public static ModelInfo remote(String name, String url) {
        return new ModelInfo(name, url, null);
    }

    /** {@code sha256:HEX} over config and weights index, as described above. */
    public static String of(Path folder) {
        try {
            ByteArrayOutputStream identity = new ByteArrayOutputStream();
            identity.write(read(folder.resolve("config.json")));
            identity.write(0);
            Path index = folder.resolve("model.safetensors.index.json");
            identity.write(Files.exists(index) ? read(index) : safetensorsHeader(folder.resolve("model.safetensors")));
            return "sha256:" + ContentHash.sha256(identity.toByteArray());
        } catch (IOException e) {
            throw new EngineException("Cannot fingerprint the model in " + folder + ": " + e.getMessage()
                    + " (a model folder needs config.json and model.safetensors or its index).", e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /** A safetensors file starts with the little-endian u64 length of its JSON header, then the header. */
    private static byte[] safetensorsHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] lengthBytes = in.readNBytes(8);
            if (lengthBytes.length < 8) throw new IOException(file.getFileName() + " is too short to be safetensors");
            long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (length <= 0 || length > MAX_HEADER) {
                throw new IOException(file.getFileName() + " has an implausible safetensors header length " + length);
            }
            return in.readNBytes((int) length);
        }
    }
}
