package dev.framewise.engine.reasoning;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the numbers of a grounding answer measure, which depends on the model family: Qwen2.5-VL (Cosmos-Reason1)
 * writes absolute pixels of the picture as it saw it (after smart_resize); Qwen3-VL (Cosmos-Reason2) writes
 * coordinates normalised to 0–1000 per axis of the picture (Qwen3-VL's grounding format, as Qwen2-VL's).
 */
public enum CoordinateSpace {
    RESIZED_PIXELS, NORMALIZED_1000;

    /**
     * One coordinate in pixels of a picture {@code size} pixels long on this axis, the model having seen it
     * {@code modelSize} pixels long (after smart_resize).
     */
    public double toPixels(double value, int modelSize, int size) {
        return this == NORMALIZED_1000 ? value / 1000.0 * size : value * size / (double) modelSize;
    }

    /**
     * The space of a run's model known by its name and location (a model folder, or a server's URL): the folder's
     * {@code config.json} model type when it can be read, else the name (Qwen3-VL and Cosmos-Reason2 normalise).
     */
    public static CoordinateSpace ofModel(String name, String location) {
        if (location != null && !location.contains("://")) {
            try {
                Path config = Path.of(location).resolve("config.json");
                if (Files.isRegularFile(config)) {
                    return ofModelType(new ObjectMapper().readTree(config.toFile()).path("model_type").asText(""));
                }
            } catch (IOException | InvalidPathException e) {
                // an unreadable folder says nothing: the name decides
            }
        }
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.contains("qwen3-vl") || n.contains("qwen3vl") || n.contains("cosmos-reason2") ? NORMALIZED_1000
                : RESIZED_PIXELS;
    }

    /** The space of a model family's answers, by its model type ({@code qwen3_vl} and {@code qwen2_vl} normalise). */
    public static CoordinateSpace ofModelType(String modelType) {
        return "qwen3_vl".equals(modelType) || "qwen3_vl_moe".equals(modelType) || "qwen2_vl".equals(modelType)
                ? NORMALIZED_1000 : RESIZED_PIXELS;
    }
}
