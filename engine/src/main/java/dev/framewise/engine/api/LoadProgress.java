package dev.framewise.engine.api;

import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * Counted progress of a model load: {@code matrices} of {@code totalMatrices} of a stage done, and {@code bytes} of
 * {@code totalBytes}. While int8 / int4 weights are quantised the bytes are those of the quantised matrices made;
 * while they are written to the quantised cache, those written; while a model loads without quantising (bf16, or
 * from the cache), those of the matrices loaded.
 */
public record LoadProgress(Stage stage, long matrices, long totalMatrices, long bytes, long totalBytes) {

    /** What the load is doing. */
    public enum Stage {
        LOADING("loading"),
        QUANTISING("quantising"),
        WRITING_CACHE("writing cache");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** For a status line: {@code quantising}. */
        public String label() {
            return label;
        }
    }

    public LoadProgress {
        if (stage == null) throw new IllegalArgumentException("stage is required");
        if (matrices < 0 || matrices > totalMatrices || bytes < 0 || bytes > totalBytes) {
            throw new IllegalArgumentException("progress " + matrices + " of " + totalMatrices + " matrices, " + bytes
                    + " of " + totalBytes + " bytes is not a count");
        }
    }

    /** bytes / totalBytes in [0, 1] (matrices where there are no bytes); 1 when there is nothing to do. */
    public double fraction() {
        if (totalBytes > 0) return (double) bytes / totalBytes;
        return totalMatrices == 0 ? 1 : (double) matrices / totalMatrices;
    }

    /** For a status line: {@code quantising 40 of 113 matrices (2.1 of 4.3 GB)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %d of %d matrices (%.1f of %.1f GB)", stage.label, matrices,
                totalMatrices, bytes / 1e9, totalBytes / 1e9);
    }

    /**
     * A load's progress callback that also hears the counted steps: the loads take a {@link DoubleConsumer} (0..1 for
     * the whole load, which may throw {@link java.util.concurrent.CancellationException} to stop it) and tell a
     * listener of this kind each step besides.
     */
    public interface Listener extends DoubleConsumer {
        /** One step of the load, before its overall fraction is reported; may throw CancellationException too. */
        void step(LoadProgress progress);

        /** Tells {@code progress} the step where it listens for steps, and nothing otherwise. */
        static void tell(DoubleConsumer progress, LoadProgress step) {
            if (progress instanceof Listener listener) listener.step(step);
        }
    }
}
