package dev.framewise.engine.model;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * The identity of every image and video of a conversation, in order: each part's content hash and every option
     * that changes its pixels, as the family's {@code key} gives them (the model aside). Equal for two conversations
     * exactly when their media give the same vision embeddings.
     */
    public static String identity(List<ChatMessage> messages, Function<ContentPart, Key> key) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : messages) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Text) continue;
                Key k = key.apply(part);
                out.append(k.contentSha256()).append(' ').append(k.options()).append('\n');
            }
        }
        return out.toString();
    }

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
