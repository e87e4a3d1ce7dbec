package dev.framewise.engine.embedded;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.family.MediaPlanning;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaException;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.text.ChatTemplate;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.VisionInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation planned without the model's weights: each medium's sampling plan and patch grid from its probe,
 * and the prompt's exact token count from the checkpoint's own chat template and tokenizer with every media
 * placeholder expanded as the family's processor expands it (the family's {@link MediaPlanning}).
 * What {@code framewise ask --dry-run} and the workbench's cost preview count; reads config.json, the tokenizer and
 * the chat template only.
 */
public final class PromptPlanner implements AutoCloseable {
    private final ModelFamily family;
    private final ModelConfig config;
    private final QwenTokenizer tokenizer;
    private final ChatTemplate template;

    /** A conversation's media plans (in order of appearance) and its prompt tokens. */
    public record Plan(List<MediaPlan> media, int promptTokens) {
        public Plan {
            media = List.copyOf(media);
        }

        public long patches() {
            return media.stream().mapToLong(MediaPlan::patches).sum();
        }

        public int visionTokens() {
            return media.stream().mapToInt(MediaPlan::tokens).sum();
        }

        public int frames() {
            return media.stream().mapToInt(MediaPlan::frames).sum();
        }
    }

    private PromptPlanner(ModelFamily family, ModelConfig config, QwenTokenizer tokenizer, ChatTemplate template) {
        this.family = family;
        this.config = config;
        this.tokenizer = tokenizer;
        this.template = template;
    }

    /** Reads a checkpoint folder's config, chat template and tokenizer (never its weights). */
    public static PromptPlanner open(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            throw new EngineException("model folder " + modelDir + " does not exist or is not a folder; give the "
                    + "folder holding config.json and the safetensors files");
        }
        ModelConfig config = ModelFamilies.readConfig(modelDir);
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        ChatTemplate template = ChatTemplate.load(modelDir);
        return new PromptPlanner(family, config, QwenTokenizer.load(modelDir), template);
    }

    public ModelFamily family() {
        return family;
    }

    public ModelConfig config() {
        return config;
    }

    /** Every medium planned and the prompt counted, as {@link EmbeddedBackend} would render and tokenize it. */
    public Plan plan(List<ChatMessage> messages) {
        List<MediaPlan> media = new ArrayList<>();
        for (ChatMessage m : messages) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Text) continue;
                if (!config.hasVision()) {
                    throw new EngineException("this is a text-only model (no vision_config): it cannot look at images "
                            + "or videos; use a Qwen2.5-VL or Qwen3-VL checkpoint");
                }
                media.add(plan(part));
            }
        }
        String prompt = expand(template.render(messages, true), media);
        return new Plan(media, tokenizer.encode(prompt).length);
    }

    /** One image or video from its probe and the family's sampling rules. */
    public MediaPlan plan(ContentPart part) {
        MediaPlanning planning = family.mediaPlanning();
        ModelConfig.VisionConfig v = config.vision();
        int factor = v.patchSize() * v.spatialMergeSize();
        Path path = part instanceof ContentPart.Video video ? video.path() : ((ContentPart.Image) part).path();
        Media.checkFile(path);
        MediaInfo info;
        try (MediaSource source = Media.open(path)) {
            info = source.info();
        }
        if (part instanceof ContentPart.Video video) {
            if (!info.isVideo()) throw new MediaException(path, "is not a video", null);
            QwenVideoSampler.SamplingPlan plan;
            try {
                plan = QwenVideoSampler.plan(planning.videoRules(), VideoSampling.of(video), info.frameCount(), info.averageFps(),
                        info.displayHeight(), info.displayWidth());
            } catch (IllegalArgumentException e) {
                throw new MediaException(path, e.getMessage(), e);
            }
            int frames = plan.indices().length;
            GridThw grid = new GridThw((frames + v.temporalPatchSize() - 1) / v.temporalPatchSize(),
                    plan.resizedHeight() / v.patchSize(), plan.resizedWidth() / v.patchSize());
            List<String> texts = planning.timestampTexts(plan.indices(), info.averageFps(), v.spatialMergeSize());
            return new MediaPlan(VisionInput.Kind.VIDEO, frames, plan.resizedHeight(), plan.resizedWidth(), grid,
                    grid.tokens(v.spatialMergeSize()), texts);
        }
        ContentPart.Image image = (ContentPart.Image) part;
        int[] hw;
        try {
            hw = planning.imageSize(info.displayHeight(), info.displayWidth(), image, factor);
        } catch (IllegalArgumentException e) {
            throw new MediaException(path, e.getMessage(), e);
        }
        // a still image is repeated to one temporal patch
        GridThw grid = new GridThw(1, hw[0] / v.patchSize(), hw[1] / v.patchSize());
        return new MediaPlan(VisionInput.Kind.IMAGE, 1, hw[0], hw[1], grid, grid.tokens(v.spatialMergeSize()),
                List.of());
    }

    private String expand(String prompt, List<MediaPlan> media) {
        if (media.isEmpty()) return prompt;
        List<Integer> images = media.stream().filter(m -> m.kind() == VisionInput.Kind.IMAGE)
                .map(MediaPlan::tokens).toList();
        List<MediaPlan> videos = media.stream().filter(m -> m.kind() == VisionInput.Kind.VIDEO).toList();
        return family.mediaPlanning().expand(prompt, images, videos.stream()
                .map(m -> new MediaPlanning.PlannedVideo(m.tokens(), m.grid().t(), m.timestampTexts())).toList());
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
