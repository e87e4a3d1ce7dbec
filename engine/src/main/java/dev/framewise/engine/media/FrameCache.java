package dev.framewise.engine.media;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of decoded frames bounded by their total size in bytes, for scrubbing back and forth
 * through a video. Thread-safe; several sources may share one cache (keys name the file).
 */
public final class FrameCache {
    private final long maxBytes;
    private final LinkedHashMap<Key, RgbImage> frames = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public FrameCache(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("cache size must not be negative, got " + maxBytes);
        this.maxBytes = maxBytes;
    }

    /** The cached frame of this file with this index, or null. */
    public synchronized RgbImage get(Path file, long index) {
        return frames.get(new Key(file, index));
    }

    /** Caches a frame, evicting the least recently used ones beyond the byte budget. A frame larger than the budget is not kept. */
    public synchronized void put(Path file, long index, RgbImage frame) {
        if (frame.sizeInBytes() > maxBytes) return;
        RgbImage previous = frames.put(new Key(file, index), frame);
        if (previous != null) bytes -= previous.sizeInBytes();
        bytes += frame.sizeInBytes();
        Iterator<Map.Entry<Key, RgbImage>> oldestFirst = frames.entrySet().iterator();
        while (bytes > maxBytes) {
            bytes -= oldestFirst.next().getValue().sizeInBytes();
            oldestFirst.remove();
        }
    }

    public synchronized long sizeInBytes() {
        return bytes;
    }

    public synchronized int size() {
        return frames.size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    private record Key(Path file, long index) {
    }
}
