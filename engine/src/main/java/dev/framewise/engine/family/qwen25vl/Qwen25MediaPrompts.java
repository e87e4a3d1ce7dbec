package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.family.MediaPrompts;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.EncodedMedia;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.MediaEncoder;
import dev.framewise.engine.model.MediaTimes;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.MultimodalPrompt;
import dev.framewise.engine.model.PreparedPrompt;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.text.VisionPadExpansion;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.VisionInput;

import java.util.List;

/** {@link MediaPrompts} of Qwen2.5-VL (and of plain Qwen2, without media): {@link MediaEncoder} and {@link MultimodalPrompt}. */
final class Qwen25MediaPrompts implements MediaPrompts {
    private final TensorProgram program;
    private final LanguageModel model;
    private final ModelConfig config;
    private final VisionEncoder visionEncoder; // null for a text-only model
    private final MediaEncoder mediaEncoder;   // null for a text-only model

    Qwen25MediaPrompts(TensorProgram program, LanguageModel model, ModelConfig config, VisionEncoder visionEncoder,
                       MediaEncoder mediaEncoder) {
        this.program = program;
        this.model = model;
        this.config = config;
        this.visionEncoder = visionEncoder;
        this.mediaEncoder = mediaEncoder;
    }

    @Override
    public boolean hasVision() {
        return mediaEncoder != null;
    }

    @Override
    public EncodedMedia cached(ContentPart part) {
        return mediaEncoder == null ? null : mediaEncoder.cached(part);
    }

    /** A video's vision tokens as the processor will make them: ⌈frames / 2⌉ · (h/14) · (w/14) / 2². */
    @Override
    public long plannedTokens(ContentPart.Video video) {
        var v = config.vision();
        return Qwen25MediaPlanning.INSTANCE.plannedTokens(video, v.patchSize(), v.temporalPatchSize(), v.spatialMergeSize());
    }

    @Override
    public EncodedMedia encode(ContentPart part, ChunkProgress progress, MediaTimes times) {
        if (mediaEncoder == null) throw new EngineException("this model has no vision tower");
        return mediaEncoder.encode(part, progress, times);
    }

    @Override
    public String identity(List<ChatMessage> messages) {
        return mediaEncoder == null ? "" : mediaEncoder.identity(messages);
    }

    /** {@code Qwen2_5_VLProcessor}: each image / video placeholder becomes one pad token per vision token. */
    @Override
    public String expandVisionPads(String prompt, List<EncodedMedia> media) {
        List<Integer> images = media.stream().filter(m -> m.kind() == VisionInput.Kind.IMAGE)
                .map(EncodedMedia::tokens).toList();
        List<Integer> videos = media.stream().filter(m -> m.kind() == VisionInput.Kind.VIDEO)
                .map(EncodedMedia::tokens).toList();
        return VisionPadExpansion.expand(prompt, images, videos);
    }

    @Override
    public PreparedPrompt prepare(int[] inputIds, List<EncodedMedia> media) {
        return MultimodalPrompt.prepare(program, model, config, inputIds, media);
    }

    @Override
    public List<int[]> frameGroups(int[] inputIds, List<EncodedMedia> media) {
        return MultimodalPrompt.frameGroups(config, inputIds, media);
    }

    @Override
    public void close() {
        if (visionEncoder != null) visionEncoder.close();
    }
}
