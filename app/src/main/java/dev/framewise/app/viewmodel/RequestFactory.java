package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.vision.MediaResize;

import java.util.List;

/**
 * Turns what the user asked into the conversation the engine runs, with the same prompt convention as
 * {@code framewise ask --prompt}: its system prompt, the media first then the question, and its video sampling
 * for whatever the run leaves at the default (null).
 */
public final class RequestFactory {

    public GenerationRequest build(RunSpec spec) {
        List<ContentPart> media = spec.media() == null ? List.of() : List.of(mediaPart(spec));
        return new GenerationRequest(ParamsViewModel.CONVENTION.question(media, spec.question(), spec.reasoningFormat(),
                null), spec.params());
    }

    /**
     * The {height, width} of the pictures the model is shown for a run's media, by the engine's own resize of the
     * media part: an image's smart_resize, or for a video the frame size its sampler chooses (which depends on the
     * frame count, not only on the pixel bounds).
     *
     * @throws IllegalArgumentException where the run's clip does not fit the media
     */
    static int[] inputSize(RunSpec spec, MediaInfo info) {
        if (mediaPart(spec) instanceof ContentPart.Video video) {
            var plan = QwenVideoSampler.plan(VideoSampling.of(video), info.frameCount(), info.averageFps(),
                    info.displayHeight(), info.displayWidth());
            return new int[] {plan.resizedHeight(), plan.resizedWidth()};
        }
        ContentPart.Image image = (ContentPart.Image) mediaPart(spec);
        return MediaResize.targetSize(info.displayHeight(), info.displayWidth(), image.minPixels(), image.maxPixels(),
                image.resizedHeight(), image.resizedWidth());
    }

    private static ContentPart mediaPart(RunSpec spec) {
        if (spec.fps() == null) return ParamsViewModel.CONVENTION.image(spec.media(), null, spec.maxPixels());
        return ParamsViewModel.CONVENTION.video(spec.media(), spec.fps(), null, null, spec.maxPixels(), spec.clipStart(),
                spec.clipEnd());
    }
}
