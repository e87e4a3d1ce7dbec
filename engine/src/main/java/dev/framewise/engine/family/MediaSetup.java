package dev.framewise.engine.family;

import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.Precision;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a family's media path needs besides the loaded model: the folder (for the image processor's settings), the
 * placement, and the backend's media options.
 *
 * @param modelDir         the checkpoint folder
 * @param precision        the vision tower's weights' precision (the model's)
 * @param device           where the tower runs
 * @param visionCacheBytes the vision-embedding cache's budget
 * @param timestampOverlay whether video frames get their time drawn in (Qwen2.5-VL only)
 * @param modelKey         names the model and its placement in cache keys
 */
public record MediaSetup(Path modelDir, Precision precision, ComputeDevice device, long visionCacheBytes,
                         boolean timestampOverlay, String modelKey) {
    public MediaSetup {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(modelKey, "modelKey");
    }
}
