package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.PromptConvention;

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
    /** Half the pixels is offered only while a frame keeps at least this many vision tokens. */
    private static final int MIN_TOKENS_PER_FRAME = 4;
    private static final int CEILING_TOKENS = 768;

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

    /**
     * The candidates for {@code spec} about a video of {@code videoSeconds}, asked of a model of the family whose
     * convention is {@code convention}; none for an image or no media. A per-frame pixel cap the user left unset is
     * the family's (Qwen2.5-VL's 602,112 for Cosmos-Reason1, Qwen3-VL's 786,432 for Cosmos-Reason2), so half of that.
     */
    public static List<Change> candidates(RunSpec spec, double videoSeconds, PromptConvention convention) {
        List<Change> out = new ArrayList<>();
        if (spec.media() == null || spec.fps() == null) return out;
        double fps = spec.fps();
        if (fps / 2 >= MIN_FPS) {
            out.add(new Change(String.format(Locale.ROOT, "%s fps instead of %s", number(fps / 2), number(fps)),
                    fps / 2, null, null, null));
        }
        PromptConvention.VideoDefaults family = convention.video();
        int pixels = spec.maxPixels() != null ? spec.maxPixels() : family.frameCap();
        int half = pixels / 2;
        if (half >= MIN_TOKENS_PER_FRAME * pixelsPerToken(family)) {
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

    /** Pixels per merged vision token: both families' qwen-vl-utils ceilings are 768 tokens (of 28² or 32²). */
    private static int pixelsPerToken(PromptConvention.VideoDefaults family) {
        return family.frameCeiling() / CEILING_TOKENS;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2g", value);
    }
}
