package dev.framewise.engine.api;

import java.util.Locale;

/**
 * Counted progress of the work before the first token: {@code done} of {@code total} units of a stage, the
 * units being frames for {@link Stage#VISION_ENCODE} (images count one each) and prompt tokens for
 * {@link Stage#PREFILL} (those re-used from the prompt-prefix cache are not counted).
 */
public record WorkProgress(Stage stage, long done, long total) {

    /** What is being counted. */
    public enum Stage {
        VISION_ENCODE("looking at the images and video", "frames"),
        PREFILL("reading the prompt", "prompt tokens");

        private final String label;
        private final String unit;

        Stage(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        /** What the stage does, for a status line. */
        public String label() {
            return label;
        }

        /** What {@code done} and {@code total} count. */
        public String unit() {
            return unit;
        }
    }

    public WorkProgress {
        if (stage == null) throw new IllegalArgumentException("stage is required");
        if (total < 0 || done < 0 || done > total) {
            throw new IllegalArgumentException("progress " + done + " of " + total + " is not a count");
        }
    }

    /** done / total in [0, 1]; 1 when there is nothing to do. */
    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }

    /** For a status line: {@code reading the prompt: 1,024 of 14,494 prompt tokens}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %,d of %,d %s", stage.label, done, total, stage.unit);
    }
}
