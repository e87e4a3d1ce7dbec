package dev.framewise.engine.family.qwen3vl;

import ai.djl.ndarray.NDManager;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.family.MediaPrompts;
import dev.framewise.engine.family.MediaSetup;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.DeepstackFeatures;
import dev.framewise.engine.model.EncodedMedia;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.MediaTimes;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.MultimodalPrompt;
import dev.framewise.engine.model.PreparedPrompt;
import dev.framewise.engine.model.VisionEmbeddingCache;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.MropePositions;
import dev.framewise.engine.vision.RopeIndex;
import dev.framewise.engine.vision.VisionInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@link MediaPrompts} of Qwen3-VL: media through {@link Qwen3MediaInputs} and {@link Qwen3VisionTower} (embeddings
 * and DeepStack features, cached), the {@code Qwen3VLProcessor} prompt expansion (a video's placeholder becomes, per
 * temporal patch, its {@code <t seconds>} text and its own vision block), {@code Qwen3VLModel.get_rope_index}
 * (videos split into one block per temporal patch; time lives in the timestamp text only) and the DeepStack input.
 */
public final class Qwen3VlMediaPrompts implements MediaPrompts {
    private static final String VISION_START = "<|vision_start|>";
    private static final String VISION_END = "<|vision_end|>";
    static final String OVERLAY_REFUSED = "timestamp-overlay is for Qwen2.5-VL models (Cosmos-Reason1); Qwen3-VL is "
            + "told each frame's time as text already: drop the option";

    private final TensorProgram program;
    private final LanguageModel model;
    private final Qwen3VlConfig config;
    private final Qwen3VisionTower tower;
    private final Qwen3MediaInputs inputs;
    private final VisionEmbeddingCache cache;
    private final String modelId;

    /** Loads the vision tower and the media path of a Qwen3-VL model whose decoder is loaded. */
    static Qwen3VlMediaPrompts load(TensorProgram program, LanguageModel model, ModelConfig config, Weights weights,
                                    MediaSetup setup) {
        if (setup.timestampOverlay()) throw new EngineException("--" + OVERLAY_REFUSED);
        ImagePreprocessor processor = ImagePreprocessor.fusedWithoutResize(
                Qwen3VlFamily.INSTANCE.preprocessor(setup.modelDir()));
        Qwen3VisionTower tower = Qwen3VlFamily.INSTANCE.loadVisionTower(program, config, weights, setup.precision(),
                setup.device());
        return new Qwen3VlMediaPrompts(program, model, Qwen3VlFamily.config(config), tower,
                new Qwen3MediaInputs(processor), new VisionEmbeddingCache(setup.visionCacheBytes()), setup.modelKey());
    }

    /** @param modelId names the model and its placement in cache keys (the family is added) */
    Qwen3VlMediaPrompts(TensorProgram program, LanguageModel model, Qwen3VlConfig config,
                               Qwen3VisionTower tower, Qwen3MediaInputs inputs, VisionEmbeddingCache cache,
                               String modelId) {
        this.program = program;
        this.model = model;
        this.config = config;
        this.tower = tower;
        this.inputs = inputs;
        this.cache = cache;
        this.modelId = Qwen3VlConfig.MODEL_TYPE + " " + modelId;
    }

    @Override
    public boolean hasVision() {
        return true;
    }

    @Override
    public EncodedMedia cached(ContentPart part) {
        return cache.get(key(part));
    }

    /** From the sampling plan under qwen-vl-utils 0.0.14's rules: ⌈frames / 2⌉ · (h/16) · (w/16) / 2². */
    @Override
    public long plannedTokens(ContentPart.Video video) {
        var v = config.vision();
        return Qwen3VlMediaPlanning.INSTANCE.plannedTokens(video, v.patchSize(), v.temporalPatchSize(), v.spatialMergeSize());
    }

    @Override
    public EncodedMedia encode(ContentPart part, ChunkProgress progress, MediaTimes times) {
        if (part instanceof ContentPart.Video asked && asked.timestampOverlay(false)) {
            throw new EngineException(OVERLAY_REFUSED);
        }
        VisionEmbeddingCache.Key key = key(part);
        EncodedMedia cached = cache.get(key);
        if (cached != null) return cached;
        long start = System.nanoTime();
        VisionInput input;
        List<String> timestamps = List.of();
        if (part instanceof ContentPart.Video video) {
            Qwen3MediaInputs.Video v = inputs.video(video);
            input = v.input();
            timestamps = v.timestampTexts();
        } else {
            input = inputs.image((ContentPart.Image) part);
        }
        long decoded = System.nanoTime();
        times.addDecode(start, decoded);
        int frames = Math.max(1, input.frames().size());
        Qwen3VisionTower.Output out = tower.encode(input.pixels(), VisionEncoder.SLICES_PER_CALL,
                (slices, total) -> progress.done((int) ((long) frames * slices / total), frames));
        times.addEncode(decoded, System.nanoTime());
        EncodedMedia media = new EncodedMedia(input.kind(), input.grid(), input.secondPerGridT(), input.frames(),
                out.embeddings(), config.text().hiddenSize(), out.deepstack(), timestamps);
        cache.put(key, media);
        return media;
    }

    @Override
    public String identity(List<ChatMessage> messages) {
        return VisionEmbeddingCache.identity(messages, this::key);
    }

    /** Content, every option that changes the pixels, and the model (with its family). */
    private VisionEmbeddingCache.Key key(ContentPart part) {
        if (part instanceof ContentPart.Video v) {
            String options = "video fps=" + v.fps() + " nframes=" + v.nframes() + " min_pixels=" + v.minPixels()
                    + " max_pixels=" + v.maxPixels() + " total_pixels=" + v.totalPixels() + " start="
                    + v.videoStart() + " end=" + v.videoEnd();
            return new VisionEmbeddingCache.Key(ContentHash.of(v.path()), options, modelId);
        }
        if (!(part instanceof ContentPart.Image i)) throw new IllegalArgumentException("not an image or video: " + part);
        String options = "image min_pixels=" + i.minPixels() + " max_pixels=" + i.maxPixels() + " resized="
                + i.resizedHeight() + "x" + i.resizedWidth();
        return new VisionEmbeddingCache.Key(ContentHash.of(i.path()), options, modelId);
    }

    /**
     * {@code Qwen3VLProcessor.__call__}: the k-th {@code <|image_pad|>} becomes the k-th image's token count of pads;
     * the k-th {@code <|vision_start|><|video_pad|><|vision_end|>} (or a bare {@code <|video_pad|>}) becomes, for
     * every temporal patch, {@code <t seconds><|vision_start|>} + its pads + {@code <|vision_end|>}.
     */
    @Override
    public String expandVisionPads(String prompt, List<EncodedMedia> media) {
        List<Integer> images = media.stream().filter(m -> m.kind() == VisionInput.Kind.IMAGE)
                .map(EncodedMedia::tokens).toList();
        List<VideoSlots> videos = media.stream().filter(m -> m.kind() == VisionInput.Kind.VIDEO)
                .map(m -> new VideoSlots(m.tokens() / m.grid().t(), m.timestampTexts())).toList();
        return expand(prompt, images, videos);
    }

    /** A video's place in the prompt: its pads per temporal patch and the text before each patch. */
    public record VideoSlots(int tokensPerPatch, List<String> timestampTexts) {
        public VideoSlots {
            timestampTexts = List.copyOf(timestampTexts);
        }
    }

    /**
     * {@link #expandVisionPads} from token counts alone (a cost estimate has no embeddings): the k-th image gets
     * {@code imageTokens[k]} pads, the k-th video its {@link VideoSlots}.
     */
    public static String expand(String prompt, List<Integer> images, List<VideoSlots> videos) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int image = 0;
        int video = 0;
        String videoBlock = VISION_START + QwenTokenizer.VIDEO_PAD + VISION_END;
        while (true) {
            int atImage = prompt.indexOf(QwenTokenizer.IMAGE_PAD, from);
            int atVideo = prompt.indexOf(QwenTokenizer.VIDEO_PAD, from);
            if (atImage < 0 && atVideo < 0) break;
            if (atVideo < 0 || (atImage >= 0 && atImage < atVideo)) {
                if (image == images.size()) throw mismatch("image", images.size());
                out.append(prompt, from, atImage).append(QwenTokenizer.IMAGE_PAD.repeat(images.get(image++)));
                from = atImage + QwenTokenizer.IMAGE_PAD.length();
            } else {
                if (video == videos.size()) throw mismatch("video", videos.size());
                VideoSlots v = videos.get(video++);
                boolean wrapped = atVideo >= VISION_START.length()
                        && prompt.startsWith(videoBlock, atVideo - VISION_START.length());
                int start = wrapped ? atVideo - VISION_START.length() : atVideo;
                out.append(prompt, from, start).append(videoPlaceholder(v));
                from = wrapped ? start + videoBlock.length() : atVideo + QwenTokenizer.VIDEO_PAD.length();
            }
        }
        if (image != images.size()) throw mismatch("image", images.size());
        if (video != videos.size()) throw mismatch("video", videos.size());
        return out.append(prompt, from, prompt.length()).toString();
    }

    private static String videoPlaceholder(VideoSlots video) {
        StringBuilder out = new StringBuilder();
        for (String timestamp : video.timestampTexts()) {
            out.append(timestamp).append(VISION_START)
                    .append(QwenTokenizer.VIDEO_PAD.repeat(video.tokensPerPatch())).append(VISION_END);
        }
        return out.toString();
    }

    private static EngineException mismatch(String kind, int items) {
        return new EngineException("the prompt's " + kind + " placeholders do not match the " + items + " " + kind
                + "(s) given; every " + kind + " needs exactly one placeholder (check the messages and the chat template)");
    }

    @Override
    public PreparedPrompt prepare(int[] inputIds, List<EncodedMedia> media) {
        List<EncodedMedia> images = media.stream().filter(m -> m.kind() == VisionInput.Kind.IMAGE).toList();
        List<EncodedMedia> videos = media.stream().filter(m -> m.kind() == VisionInput.Kind.VIDEO).toList();
        int[] imageRows = MultimodalPrompt.rowsOf(inputIds, config.imageTokenId());
        int[] videoRows = MultimodalPrompt.rowsOf(inputIds, config.videoTokenId());
        MultimodalPrompt.checkCount(imageRows.length, images, "image", QwenTokenizer.IMAGE_PAD);
        MultimodalPrompt.checkCount(videoRows.length, videos, "video", QwenTokenizer.VIDEO_PAD);
        MropePositions positions = positions(inputIds, images, videos);
        TorchValue embeds = model.embed(inputIds);
        DeepstackFeatures deepstack = null;
        try {
            embeds = scatter(embeds, imageRows, images);
            embeds = scatter(embeds, videoRows, videos);
            if (!media.isEmpty()) deepstack = deepstack(inputIds, images, videos);
            return new PreparedPrompt(inputIds, embeds, positions.asLongs(), positions.ropeDelta(), deepstack);
        } catch (RuntimeException e) {
            embeds.close();
            if (deepstack != null) deepstack.close();
            throw e;
        }
    }

    /** {@code get_rope_index}: each video grid [t, h, w] as t blocks [1, h, w], no time axis beyond the text. */
    MropePositions positions(int[] inputIds, List<EncodedMedia> images, List<EncodedMedia> videos) {
        List<GridThw> imageGrids = images.stream().map(EncodedMedia::grid).toList();
        List<GridThw> videoGrids = new ArrayList<>();
        for (EncodedMedia v : videos) {
            for (int t = 0; t < v.grid().t(); t++) videoGrids.add(new GridThw(1, v.grid().h(), v.grid().w()));
        }
        RopeIndex index = new RopeIndex(config.imageTokenId(), config.videoTokenId(), config.visionStartTokenId(),
                config.vision().spatialMergeSize(), 1.0);
        return index.compute(inputIds, imageGrids, videoGrids, new float[videoGrids.size()]);
    }

    /**
     * {@code Qwen3VLModel.forward}'s DeepStack input: the visual rows in prompt order, each level's features in the
     * same order (image features for image rows in image order, video features for video rows in video order).
     */
    private DeepstackFeatures deepstack(int[] inputIds, List<EncodedMedia> images, List<EncodedMedia> videos) {
        int hidden = config.text().hiddenSize();
        int levels = config.vision().deepstackVisualIndexes().size();
        int[] rows = IntStream.range(0, inputIds.length)
                .filter(i -> inputIds[i] == config.imageTokenId() || inputIds[i] == config.videoTokenId()).toArray();
        float[] features = new float[levels * rows.length * hidden];
        for (int k = 0; k < levels; k++) {
            Stream imageStream = new Stream(images, k, hidden);
            Stream videoStream = new Stream(videos, k, hidden);
            for (int r = 0; r < rows.length; r++) {
                Stream s = inputIds[rows[r]] == config.imageTokenId() ? imageStream : videoStream;
                s.next(features, (k * rows.length + r) * hidden);
            }
        }
        try (NDManager scope = program.newScope();
             TorchValue host = TensorProgram.floats(scope, features, levels, rows.length, hidden)) {
            return new DeepstackFeatures(rows, program.call("q3_owned_copy", host));
        }
    }

    /** The rows of one DeepStack level of a list of media, one token after another. */
    private static final class Stream {
        private final List<EncodedMedia> items;
        private final int level;
        private final int hidden;
        private int item;
        private int token;

        Stream(List<EncodedMedia> items, int level, int hidden) {
            this.items = items;
            this.level = level;
            this.hidden = hidden;
        }

        void next(float[] into, int at) {
            while (token == items.get(item).tokens()) {
                item++;
                token = 0;
            }
            System.arraycopy(items.get(item).deepstack().get(level), token * hidden, into, at, hidden);
            token++;
        }
    }

    private TorchValue scatter(TorchValue embeds, int[] rows, List<EncodedMedia> items) {
        int from = 0;
        for (EncodedMedia item : items) {
            int[] itemRows = Arrays.copyOfRange(rows, from, from + item.tokens());
            from += item.tokens();
            try (NDManager scope = program.newScope();
                 TorchValue replacement = TensorProgram.floats(scope, item.embeddings(), item.tokens(), item.hiddenSize())) {
                TorchValue next = model.replaceRows(embeds, itemRows, replacement);
                embeds.close();
                embeds = next;
            }
        }
        return embeds;
    }

    /** One group per image and per temporal patch of a video, in order of appearance. */
    @Override
    public List<int[]> frameGroups(int[] inputIds, List<EncodedMedia> media) {
        return MultimodalPrompt.frameGroups(config.imageTokenId(), config.videoTokenId(), inputIds, media);
    }

    @Override
    public void close() {
        tower.close();
    }
}
