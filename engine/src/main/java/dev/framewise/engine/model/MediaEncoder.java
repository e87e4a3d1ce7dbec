package dev.framewise.engine.model;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.vision.VisionInput;
import dev.framewise.engine.vision.VisionInputs;

import java.util.List;

/**
 * Image and video parts → {@link EncodedMedia}, through the vision-embedding cache: on a miss the media is
 * loaded, sampled, preprocessed and run through the vision tower; on a hit none of that happens.
 */
public final class MediaEncoder {
    private final VisionInputs inputs;
    private final VisionEncoder encoder;
    private final VisionEmbeddingCache cache;
    private final String modelId;
    private final boolean timestampOverlay;

    /**
     * @param modelId          names the model and precision in cache keys (embeddings of another model must not
     *                         be reused)
     * @param timestampOverlay burn each video frame's time into a border (Cosmos-Reason1 convention) where the
     *                         video part does not say
     */
    public MediaEncoder(VisionInputs inputs, VisionEncoder encoder, VisionEmbeddingCache cache, String modelId,
                        boolean timestampOverlay) {
        this.inputs = inputs;
        this.encoder = encoder;
        this.cache = cache;
        this.modelId = modelId;
        this.timestampOverlay = timestampOverlay;
    }

    /** Encodes an image or video part. */
    public EncodedMedia encode(ContentPart part) {
        return encode(part, ChunkProgress.NONE, new MediaTimes());
    }

    /**
     * Encodes an image or video part, a video in groups of {@link VisionEncoder#SLICES_PER_CALL} temporal slices;
     * {@code progress} hears frames encoded of the part's frames (an image counts one) after each group and may stop
     * the encoding by throwing {@link java.util.concurrent.CancellationException}. A cache hit reports nothing. The
     * time its pixels and its vision tower took is added to {@code times}.
     */
    public EncodedMedia encode(ContentPart part, ChunkProgress progress, MediaTimes times) {
        VisionEmbeddingCache.Key key = key(part);
        EncodedMedia cached = cache.get(key);
        if (cached != null) return cached;
        long start = System.nanoTime();
        VisionInput input = part instanceof ContentPart.Video video ? inputs.video(video, video.timestampOverlay(timestampOverlay)) : inputs.image(image(part));
        long decoded = System.nanoTime();
        times.addDecode(start, decoded);
        int frames = Math.max(1, input.frames().size());
        float[] embeddings = encoder.encodeToHost(input.pixels(), VisionEncoder.SLICES_PER_CALL,
                (slices, total) -> progress.done((int) ((long) frames * slices / total), frames));
        times.addEncode(decoded, System.nanoTime());
        EncodedMedia media = new EncodedMedia(input.kind(), input.grid(), input.secondPerGridT(), input.frames(),
                embeddings, encoder.config().outHiddenSize());
        cache.put(key, media);
        return media;
    }

    /** Whether this part's embeddings are in the cache (encoding it would cost nothing). */
    public boolean isCached(ContentPart part) {
        return cached(part) != null;
    }

    /** This part's embeddings from the cache, or null on a miss (nothing is computed). */
    public EncodedMedia cached(ContentPart part) {
        return cache.get(key(part));
    }

    /** {@link VisionEmbeddingCache#identity} with this encoder's {@link #key}. */
    public String identity(List<ChatMessage> messages) {
        return VisionEmbeddingCache.identity(messages, this::key);
    }

    /** The cache key: content, every option that changes the pixels, and the model. */
    VisionEmbeddingCache.Key key(ContentPart part) {
        if (part instanceof ContentPart.Video v) {
            String options = "video fps=" + v.fps() + " nframes=" + v.nframes() + " min_pixels=" + v.minPixels()
                    + " max_pixels=" + v.maxPixels() + " total_pixels=" + v.totalPixels() + " start=" + v.videoStart()
                    + " end=" + v.videoEnd() + " overlay=" + v.timestampOverlay(timestampOverlay);
            return new VisionEmbeddingCache.Key(ContentHash.of(v.path()), options, modelId);
        }
        ContentPart.Image i = image(part);
        String options = "image min_pixels=" + i.minPixels() + " max_pixels=" + i.maxPixels() + " resized="
                + i.resizedHeight() + "x" + i.resizedWidth();
        return new VisionEmbeddingCache.Key(ContentHash.of(i.path()), options, modelId);
    }

    private static ContentPart.Image image(ContentPart part) {
        if (part instanceof ContentPart.Image image) return image;
        throw new IllegalArgumentException("not an image or video part: " + part);
    }
}
