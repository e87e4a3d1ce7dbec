package dev.framewise.engine.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.MropePositions;
import dev.framewise.engine.vision.RopeIndex;
import dev.framewise.engine.vision.VisionInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The multimodal input of {@code Qwen2_5_VLModel.forward}: the prompt's token embeddings with the
 * {@code <|image_pad|>} / {@code <|video_pad|>} rows replaced by the media's vision embeddings in order (upstream
 * {@code masked_scatter}), and the M-RoPE positions of {@code get_rope_index}.
 */
public final class MultimodalPrompt {

    private MultimodalPrompt() {
    }

    /** {@code get_rope_index}'s settings from the checkpoint's config. */
    public static RopeIndex ropeIndex(ModelConfig config) {
        if (!config.hasVision()) return new RopeIndex(-1, -1, -1, 1, 1);
        return new RopeIndex(config.imageTokenId(), config.videoTokenId(), config.visionStartTokenId(),
                config.vision().spatialMergeSize(), config.vision().tokensPerSecond());
    }

    /**
     * The prompt ready for prefill (it owns the embeddings handle).
     *
     * @param media the prompt's images and videos in order of appearance
     */
    public static PreparedPrompt prepare(TensorProgram program, LanguageModel model, ModelConfig config, int[] inputIds,
                                   List<EncodedMedia> media) {
        List<EncodedMedia> images = media.stream().filter(m -> m.kind() == VisionInput.Kind.IMAGE).toList();
        List<EncodedMedia> videos = media.stream().filter(m -> m.kind() == VisionInput.Kind.VIDEO).toList();
        int[] imageRows = rowsOf(inputIds, config.imageTokenId());
        int[] videoRows = rowsOf(inputIds, config.videoTokenId());
        checkCount(imageRows.length, images, "image", "<|image_pad|>");
        checkCount(videoRows.length, videos, "video", "<|video_pad|>");
        float[] secondPerGridTs = new float[videos.size()];
        for (int i = 0; i < secondPerGridTs.length; i++) secondPerGridTs[i] = videos.get(i).secondPerGridT();
        MropePositions positions = ropeIndex(config).compute(inputIds, grids(images), grids(videos), secondPerGridTs);
        TorchValue embeds = model.embed(inputIds);
        try {
            embeds = scatter(program, model, embeds, imageRows, images);
            embeds = scatter(program, model, embeds, videoRows, videos);
            return new PreparedPrompt(inputIds, embeds, positions.asLongs(), positions.ropeDelta());
        } catch (RuntimeException e) {
            embeds.close();
            throw e;
        }
    }

    /**
     * The prompt rows of each frame group's vision tokens, in order of appearance: one group per image, one per
     * temporal patch of a video ({@code grid_t} groups of {@code tokens / grid_t} rows, each two sampled frames;
     * the merged tokens are ordered time first).
     *
     * @param media the prompt's images and videos in order of appearance, as for {@link #prepare}
     */
    public static List<int[]> frameGroups(ModelConfig config, int[] inputIds, List<EncodedMedia> media) {
        return frameGroups(config.imageTokenId(), config.videoTokenId(), inputIds, media);
    }

    /** As {@link #frameGroups(ModelConfig, int[], List)}, for a family's own pad-token ids. */
    public static List<int[]> frameGroups(int imageTokenId, int videoTokenId, int[] inputIds, List<EncodedMedia> media) {
        int[] imageRows = rowsOf(inputIds, imageTokenId);
        int[] videoRows = rowsOf(inputIds, videoTokenId);
        int nextImage = 0;
        int nextVideo = 0;
        List<int[]> groups = new ArrayList<>();
        for (EncodedMedia item : media) {
            boolean image = item.kind() == VisionInput.Kind.IMAGE;
            int[] rows = image ? imageRows : videoRows;
            int from = image ? nextImage : nextVideo;
            int count = image ? 1 : item.grid().t();
            int perGroup = item.tokens() / count;
            if (from + item.tokens() > rows.length) {
                throw new EngineException("the prompt has fewer pad tokens than its media's vision tokens");
            }
            for (int g = 0; g < count; g++) groups.add(Arrays.copyOfRange(rows, from + g * perGroup, from + (g + 1) * perGroup));
            if (image) nextImage += item.tokens();
            else nextVideo += item.tokens();
        }
        return groups;
    }

    /** Replaces the pad rows item by item: the k-th item takes the next {@code tokens()} rows. */
    private static TorchValue scatter(TensorProgram program, LanguageModel model, TorchValue embeds, int[] rows,
                                  List<EncodedMedia> items) {
        int from = 0;
        for (EncodedMedia item : items) {
            int[] itemRows = Arrays.copyOfRange(rows, from, from + item.tokens());
            from += item.tokens();
            try (NDManager scope = program.newScope();
                 TorchValue replacement = TorchValue.from(scope.create(item.embeddings(),
                         new Shape(item.tokens(), item.hiddenSize())))) {
                TorchValue next = model.replaceRows(embeds, itemRows, replacement);
                embeds.close();
                embeds = next;
            }
        }
        return embeds;
    }

    /** Fails unless the prompt's placeholder tokens number the media's vision tokens. */
    public static void checkCount(int pads, List<EncodedMedia> items, String kind, String pad) {
        int tokens = items.stream().mapToInt(EncodedMedia::tokens).sum();
        if (pads != tokens) {
            throw new EngineException("the prompt has " + pads + " " + pad + " tokens but its " + items.size() + " "
                    + kind + "(s) give " + tokens + " vision tokens; each " + kind
                    + " placeholder must be expanded to its grid's token count");
        }
    }

    /** The positions of {@code token} in {@code ids}. */
    public static int[] rowsOf(int[] ids, int token) {
        return IntStream.range(0, ids.length).filter(i -> ids[i] == token).toArray();
    }

    private static List<GridThw> grids(List<EncodedMedia> items) {
        List<GridThw> grids = new ArrayList<>(items.size());
        for (EncodedMedia m : items) grids.add(m.grid());
        return grids;
    }
}
