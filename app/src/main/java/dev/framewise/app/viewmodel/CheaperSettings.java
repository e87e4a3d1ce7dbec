package dev.framewise.app.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cheaper settings the cost preview offers for a long question about a video: half the frame rate, half the
 * pixels per frame, or a clip of the range asked about. Each is a {@link Change} of the run's settings; which of
 * them is worth it the preview decides from their estimates.
 */
public final class CheaperSettings {
    /** A clip suggestion is at most this long. */
    static final double CLIP_SECONDS = 10;
    private static final double MIN_FPS = 0.5;

    private CheaperSettings() {
    }

    /** Settings a suggestion changes; null where it keeps the run's. */
    public record Change(String label, Double fps, Integer maxPixels, Double clipStart, Double clipEnd) {
        /** The run with this change applied. */
        public RunSpec applyTo(RunSpec spec) {
            return new RunSpec(spec.question(), spec.media(), clipStart != null ? clipStart : spec.clipStart(),
                    clipEnd != null ? clipEnd : spec.clipEnd(), spec.params(), fps != null ? fps : spec.fps(),
                    maxPixels != null ? maxPixels : spec.maxPixels(), spec.reasoningFormat(), spec.templateName(),
                    spec.systemPrompt(), spec.followUp());
        }
    }

    /** The candidates for {@code spec} about a video of {@code videoSeconds}; none for an image or no media. */
    public static List<Change> candidates(RunSpec spec, double videoSeconds) {
        List<Change> out = new ArrayList<>();
        if (spec.media() == null || spec.fps() == null) return out;
        double fps = spec.fps();
        if (fps / 2 >= MIN_FPS) {
            out.add(new Change(String.format(Locale.ROOT, "%s fps instead of %s", number(fps / 2), number(fps)),
                    fps / 2, null, null, null));
        }
        int pixels = spec.maxPixels() != null ? spec.maxPixels() : ParamsViewModel.DEFAULT_MAX_PIXELS;
        int half = pixels / 2;
        if (half >= 28 * 28 * 4) {
            out.add(new Change(String.format(Locale.ROOT, "half the pixels per frame (%,d)", half), null, half, null,
                    null));
        }
        double start = spec.clipStart() != null ? spec.clipStart() : 0;
        double end = spec.clipEnd() != null ? spec.clipEnd() : videoSeconds;
        double length = end - start;
        if (length > 4) {
            double clipEnd = start + Math.min(CLIP_SECONDS, length / 2);
            out.add(new Change("only " + TimeFormat.clock(start) + "–" + TimeFormat.clock(clipEnd), null, null, start,
                    clipEnd));
        }
        return out;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2g", value);
    }
}
