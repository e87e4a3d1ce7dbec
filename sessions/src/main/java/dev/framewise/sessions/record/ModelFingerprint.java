package dev.framewise.sessions.record;

import dev.framewise.engine.media.ContentHash;
import dev.framewise.sessions.model.ModelInfo;

import java.nio.file.Path;

/**
 * The model of a session run: a local checkpoint identified by what defines it ({@link ContentHash#ofModelFolder},
 * the same value batch and eval lines record), or a server's model, which has nothing to fingerprint from here.
 */
public final class ModelFingerprint {
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

    /** {@code sha256:HEX} over config and weights index: {@link ContentHash#ofModelFolder}. */
    public static String of(Path folder) {
        return ContentHash.ofModelFolder(folder);
    }
}
