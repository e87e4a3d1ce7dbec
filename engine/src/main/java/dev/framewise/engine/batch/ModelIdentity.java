package dev.framewise.engine.batch;

import dev.framewise.engine.api.EngineException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which model answered, as batch and eval lines record it and as their resume keys include it. A local folder's
 * fingerprint is computed as the sessions module's {@code ModelFingerprint} computes it (SHA-256 of config.json,
 * a zero byte, and the weights index or the safetensors header), so a batch line and a session run of the same
 * model carry the same value; a server's model has none, and its location is the URL.
 */
public record ModelIdentity(String name, String location, String fingerprint) {
    private static final long MAX_HEADER = 100L << 20;

    public static ModelIdentity local(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        return new ModelIdentity(dir.getFileName().toString(), dir.toString(), fingerprint(dir));
    }

    public static ModelIdentity remote(String url, String remoteModel) {
        return new ModelIdentity(remoteModel, url, null);
    }

    /** What a resume key holds of the model: the fingerprint where there is one, else the server and name. */
    public String keyPart() {
        return fingerprint != null ? fingerprint : location + "#" + name;
    }

    static String fingerprint(Path folder) {
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
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
