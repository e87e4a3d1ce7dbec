package dev.framewise.engine.generate;

import dev.framewise.engine.model.KvCache;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * KV caches of recent prompts, so that a prompt starting like an earlier one (the same system prompt and media,
 * another question) prefills only what differs: the cache whose prompt shares the longest prefix of token ids is
 * truncated to that prefix ({@link KvCache#truncate}) and the new prompt's rest is prefilled after it.
 *
 * <p>A prompt's token ids do not say everything about its keys and values: pad tokens of different images are the
 * same id. So every entry also has a {@code context}, which must be equal for re-use: the model, precision and
 * device, and the identity of every image and video (content hash, sampling and pixel options). Positions need no
 * key of their own: M-RoPE positions of a prefix follow from its token ids and the media's grids.
 *
 * <p>A prompt equal to a kept one re-uses all of it, with the logits its prefill gave for the last position, so
 * asking exactly the same again (same seed) gives exactly the same answer. A prompt that shares only a prefix has
 * its rest prefilled in one shorter pass: the same values up to float rounding (well within 1e-5 relative).
 *
 * <p>Caches are preallocated; one is re-used only if it has room for the new prompt and its generation. Entries
 * are bounded by {@code capacityBytes} of cache memory (least recently used go first, and are closed); a cache in
 * use is not counted and cannot be taken twice. Thread-safe.
 */
public final class PromptPrefixCache implements AutoCloseable {
    /** New caches are allocated in multiples of this many positions, so a slightly longer next prompt still fits. */
    static final int CAPACITY_STEP = 256;

    private record Entry(String context, int[] ids, KvCache cache, float[] lastLogits) {
        long bytes() {
            return cache.bytes() + (lastLogits == null ? 0 : 4L * lastLogits.length);
        }
    }

    /**
     * A cache for a prompt whose first {@code reused} positions are already filled with the prompt's prefix; when
     * all of the prompt is, {@code lastLogits} are its last position's logits (a copy), else null.
     */
    public record Lease(KvCache cache, int reused, float[] lastLogits) {
        public Lease(KvCache cache, int reused) {
            this(cache, reused, null);
        }
    }

    private final long capacityBytes;
    private final List<Entry> entries = new ArrayList<>(); // least recently used first
    private long usedBytes;

    public PromptPrefixCache(long capacityBytes) {
        if (capacityBytes < 0) throw new IllegalArgumentException("cache capacity must not be negative");
        this.capacityBytes = capacityBytes;
    }

    /**
     * A cache for the prompt {@code ids} in {@code context} with room for {@code capacity} positions: the stored
     * cache sharing the longest prefix, truncated to it (to all but the last id unless the entry kept the last
     * position's logits), or a new one from {@code allocate}. The caller owns it until {@link #release}.
     */
    public synchronized Lease acquire(String context, int[] ids, int capacity, IntFunction<KvCache> allocate) {
        Match match = longestMatch(context, ids, capacity);
        if (match == null) {
            return new Lease(allocate.apply((capacity + CAPACITY_STEP - 1) / CAPACITY_STEP * CAPACITY_STEP), 0);
        }
        Entry best = match.entry();
        int bestLength = match.length();
        entries.remove(best);
        usedBytes -= best.bytes();
        best.cache().truncate(bestLength);
        return new Lease(best.cache(), bestLength, bestLength == ids.length ? best.lastLogits().clone() : null);
    }

    /**
     * How many of the prompt {@code ids}' first positions {@link #acquire} would re-use now (all of them when an
     * equal prompt is kept with its last logits, 0 for none), without taking anything: for the cost preview.
     */
    public synchronized int reusable(String context, int[] ids, int capacity) {
        Match match = longestMatch(context, ids, capacity);
        return match == null ? 0 : match.length();
    }

    private record Match(Entry entry, int length) {
    }

    /** The kept entry sharing the longest usable prefix with {@code ids}, or null for none. */
    private Match longestMatch(String context, int[] ids, int capacity) {
        Entry best = null;
        int bestLength = 0;
        for (Entry e : entries) {
            if (!e.context().equals(context) || e.cache().capacity() < capacity) continue;
            int common = commonPrefix(e.ids(), ids);
            boolean whole = common == ids.length && e.ids().length == ids.length && e.lastLogits() != null;
            if (!whole) common = Math.min(common, ids.length - 1);
            if (common > bestLength) {
                best = e;
                bestLength = common;
            }
        }
        return best == null ? null : new Match(best, bestLength);
    }

    /**
     * Hands back a cache whose first {@code ids.length} positions hold the keys and values of {@code ids} in
     * {@code context}, with the logits of its last position (null if unknown; kept as given, not copied); it is
     * kept for later prompts, or closed when it does not fit the budget.
     */
    public synchronized void release(String context, int[] ids, KvCache cache, float[] lastLogits) {
        if (cache.length() < ids.length) throw new IllegalArgumentException("the cache does not hold the prompt");
        Entry entry = new Entry(context, ids.clone(), cache, lastLogits);
        if (entry.bytes() > capacityBytes) {
            cache.close();
            return;
        }
        entries.add(entry);
        usedBytes += entry.bytes();
        while (usedBytes > capacityBytes) {
            Entry eldest = entries.remove(0);
            usedBytes -= eldest.bytes();
            eldest.cache().close();
        }
    }

    /** Bytes of the caches (and logits) kept, not counting those in use. */
    public synchronized long usedBytes() {
        return usedBytes;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    @Override
    public synchronized void close() {
        entries.forEach(e -> e.cache().close());
        entries.clear();
        usedBytes = 0;
    }
}
