package dev.framewise.engine.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vision embeddings of recently asked-about media, so a second question on the same clip skips decoding,
 * preprocessing and the vision tower. Keyed by the file's content hash, every sampling and pixel option, and the
 * model; least recently used entries go first once the embeddings exceed {@code capacityBytes}. Thread-safe.
 */
public final class VisionEmbeddingCache {

    /**
     * @param contentSha256 SHA-256 of the media file's bytes (a renamed or copied file still hits)
     * @param options       the item's kind and options in a canonical form (fps, nframes, pixel bounds, clip, …)
     * @param model         the model and precision that produced the embeddings
     */
    public record Key(String contentSha256, String options, String model) {
    }

    private final long capacityBytes;
    private final LinkedHashMap<Key, EncodedMedia> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long usedBytes;

    public VisionEmbeddingCache(long capacityBytes) {
        if (capacityBytes < 0) throw new IllegalArgumentException("cache capacity must not be negative");
        this.capacityBytes = capacityBytes;
    }

    public synchronized EncodedMedia get(Key key) {
        return entries.get(key);
    }

    /** Stores an entry, evicting the least recently used ones; an entry larger than the whole cache is not kept. */
    public synchronized void put(Key key, EncodedMedia media) {
        if (media.bytes() > capacityBytes) return;
        EncodedMedia previous = entries.put(key, media);
        if (previous != null) usedBytes -= previous.bytes();
        usedBytes += media.bytes();
        for (Iterator<Map.Entry<Key, EncodedMedia>> it = entries.entrySet().iterator(); usedBytes > capacityBytes; ) {
            Map.Entry<Key, EncodedMedia> eldest = it.next();
            usedBytes -= eldest.getValue().bytes();
            it.remove();
        }
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }
}
