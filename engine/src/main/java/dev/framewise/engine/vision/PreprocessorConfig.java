package dev.framewise.engine.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image processor settings of a checkpoint ({@code preprocessor_config.json}, Qwen2VLImageProcessor):
 * pixel bounds for its own smart_resize, patch geometry and the normalisation mean/std per RGB channel.
 * Newer transformers write the bounds as {@code size.shortest_edge}/{@code size.longest_edge}; both are read.
 */
public record PreprocessorConfig(long minPixels, long maxPixels, int patchSize, int temporalPatchSize, int mergeSize,
                                 float[] imageMean, float[] imageStd) {

    public static final String FILE_NAME = "preprocessor_config.json";

    public PreprocessorConfig {
        if (minPixels <= 0 || maxPixels < minPixels) {
            throw new IllegalArgumentException("min_pixels/max_pixels must satisfy 0 < min <= max, got "
                    + minPixels + "/" + maxPixels);
        }
        if (patchSize <= 0 || temporalPatchSize <= 0 || mergeSize <= 0) {
            throw new IllegalArgumentException("patch_size, temporal_patch_size and merge_size must be positive");
        }
        if (imageMean.length != 3 || imageStd.length != 3) {
            throw new IllegalArgumentException("image_mean and image_std need one value per RGB channel");
        }
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
    }

    /** Side length that resized images must be a multiple of (patch × merge, 28 for Qwen2.5-VL). */
    public int factor() {
        return patchSize * mergeSize;
    }

    /** Values per patch row of pixel_values: channels × temporal patch × patch × patch (1176). */
    public int patchDim() {
        return 3 * temporalPatchSize * patchSize * patchSize;
    }

    /** Reads {@code preprocessor_config.json} from a model folder; a missing or malformed file is an EngineException. */
    public static PreprocessorConfig load(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new EngineException(file + " is missing: a Qwen2.5-VL model folder needs its image processor "
                    + "settings; copy preprocessor_config.json from the checkpoint");
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            JsonNode size = n.path("size");
            long min = n.has("min_pixels") ? n.get("min_pixels").asLong() : size.path("shortest_edge").asLong(56 * 56);
            long max = n.has("max_pixels") ? n.get("max_pixels").asLong()
                    : size.path("longest_edge").asLong(28L * 28 * 1280);
            return new PreprocessorConfig(min, max, n.path("patch_size").asInt(14),
                    n.path("temporal_patch_size").asInt(2), n.path("merge_size").asInt(2),
                    floats(n.path("image_mean")), floats(n.path("image_std")));
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineException(file + " cannot be read (" + e.getMessage()
                    + "); restore it from the checkpoint", e);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        // numpy casts the Python floats to float32 when normalising a float32 image
        for (int i = 0; i < values.length; i++) values[i] = (float) array.get(i).asDouble();
        return values;
    }
}
