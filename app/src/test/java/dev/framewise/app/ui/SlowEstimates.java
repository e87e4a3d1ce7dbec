package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.CostEstimates;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.Timings;

import java.util.function.Consumer;

/**
 * Cost estimates as a slow CPU might give them: five seconds to the first token per megapixel of sampled frames
 * (three seconds of video at the request's fps), so that the preview offers cheaper settings.
 */
final class SlowEstimates {
    private SlowEstimates() {
    }

    /** Slow estimates whose refinements go to {@code refined}. */
    static CostEstimates refiningInto(Consumer<Timings> refined) {
        return folder -> new CostEstimates.Estimator() {
            @Override
            public CostEstimate estimate(GenerationRequest request) {
                ContentPart.Video v = request.messages().stream().flatMap(m -> m.content().stream())
                        .filter(p -> p instanceof ContentPart.Video).map(p -> (ContentPart.Video) p).findFirst()
                        .orElse(null);
                int frames = v == null ? 0 : (int) Math.round(3 * v.fps());
                double pixels = v == null || v.maxPixels() == null ? 602_112 : v.maxPixels();
                double seconds = frames * pixels / 1e6 * 5;
                return new CostEstimate(frames, frames * 1024L, frames * 256, frames * 256 + 60, 18L << 30, 16L << 30,
                        1L << 28, 1L << 29, seconds * 0.1, seconds * 0.6, seconds * 0.3, 0, 2.5, 2);
            }

            @Override
            public void refine(GenerationRequest request, Timings actual) {
                refined.accept(actual);
            }

            @Override
            public void close() {
            }
        };
    }
}
