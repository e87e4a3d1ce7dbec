package dev.framewise.engine.family;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.EncodedMedia;
import dev.framewise.engine.model.MediaTimes;
import dev.framewise.engine.model.PreparedPrompt;

import java.util.List;

/**
 * The family-specific steps between a rendered conversation and the prefill: encoding its images and videos
 * (through the vision-embedding cache), expanding the media placeholders of the rendered prompt, and the model input
 * (embeddings, M-RoPE positions, and whatever else the family's prefill takes). One implementation per model
 * family, made by {@link ModelFamily#loadMediaPrompts}: {@code Qwen25MediaPrompts} (Qwen2.5-VL and plain Qwen2),
 * {@code Qwen3VlMediaPrompts} (Qwen3-VL).
 */
public interface MediaPrompts extends AutoCloseable {

    /** Whether the model has a vision tower (a text-only model refuses media). */
    boolean hasVision();

    /** Whether the part's embeddings are in the vision-embedding cache (counting its tokens costs nothing then). */
    default boolean isCached(ContentPart part) {
        return cached(part) != null;
    }

    /** The part's embeddings from the vision-embedding cache, or null on a miss; computes nothing. Thread-safe. */
    EncodedMedia cached(ContentPart part);

    /** A video's vision tokens from its sampling plan, before any frame is decoded (0 where it cannot be planned). */
    long plannedTokens(ContentPart.Video video);

    /** One image or video part, through the vision-embedding cache. */
    default EncodedMedia encode(ContentPart part) {
        return encode(part, ChunkProgress.NONE, new MediaTimes());
    }

    /**
     * As {@link #encode(ContentPart)}, telling {@code progress} the part's frames encoded of its total (an image
     * counts one) as it goes, where the family's tower encodes a video in groups, else once at the end; progress
     * may stop the encoding by throwing {@link java.util.concurrent.CancellationException}. The time its pixels and
     * its vision tower took is added to {@code times}.
     */
    EncodedMedia encode(ContentPart part, ChunkProgress progress, MediaTimes times);

    /** The identity of every image and video of a conversation (content and sampling options), for prefix keys. */
    String identity(List<ChatMessage> messages);

    /** The rendered prompt with each media placeholder expanded to the media's tokens (and, per family, texts). */
    String expandVisionPads(String prompt, List<EncodedMedia> media);

    /** The prompt ready for prefill; it owns its handles. */
    PreparedPrompt prepare(int[] inputIds, List<EncodedMedia> media);

    /** The prompt rows of each frame group's vision tokens (frame evidence), in order of appearance. */
    List<int[]> frameGroups(int[] inputIds, List<EncodedMedia> media);

    @Override
    void close();
}
