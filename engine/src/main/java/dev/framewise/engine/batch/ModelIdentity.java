package dev.framewise.engine.batch;

import dev.framewise.engine.media.ContentHash;

import java.nio.file.Path;

/**
 * Which model answered, as batch and eval lines record it and as their resume keys include it. A local folder's
 * fingerprint is {@link ContentHash#ofModelFolder}, as the sessions module's {@code ModelFingerprint} records it, so
 * a batch line and a session run of the same model carry the same value; a server's model has none, and its
 * location is the URL.
 */
public record ModelIdentity(String name, String location, String fingerprint) {
    public static ModelIdentity local(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        return new ModelIdentity(dir.getFileName().toString(), dir.toString(), ContentHash.ofModelFolder(dir));
    }

    public static ModelIdentity remote(String url, String remoteModel) {
        return new ModelIdentity(remoteModel, url, null);
    }

    /** What a resume key holds of the model: the fingerprint where there is one, else the server and name. */
    public String keyPart() {
        return fingerprint != null ? fingerprint : location + "#" + name;
    }
}
