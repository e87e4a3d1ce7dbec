package dev.framewise.engine.family.qwen3vl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.model.TinyModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The qwen3vl-tiny fixture on the test class path: its folder, cases and golden arrays. */
public final class Qwen3Fixture {
    private Qwen3Fixture() {
    }

    public static Path dir() {
        return TinyModel.fixture("qwen3vl-tiny");
    }

    public static JsonNode root() {
        try {
            return new ObjectMapper().readTree(dir().resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode named(String id) {
        return StreamSupport.stream(root().get("cases").spliterator(), false)
                .filter(c -> c.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + id));
    }

    /** A golden float32 array named by its {@code file} field ({@code golden/…}). */
    public static float[] floats(JsonNode array) {
        return TinyModel.floats(dir().resolve(array.get("file").asText()));
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    public static long[][] positionIds(JsonNode c) {
        JsonNode p = c.get("position_ids");
        long[][] out = new long[3][];
        for (int axis = 0; axis < 3; axis++) {
            out[axis] = new long[p.get(axis).size()];
            for (int i = 0; i < out[axis].length; i++) out[axis][i] = p.get(axis).get(i).asLong();
        }
        return out;
    }

    /** max |actual − expected| / max |expected|, asserted to be within {@code tolerance}; returns it. */
    public static double assertClose(float[] actual, float[] expected, double tolerance, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        double relative = worst / scale;
        System.out.printf("%s: max abs diff %.3g = %.3g of max |value| %.3g%n", what, worst, relative, scale);
        assertThat(relative).as(what + " relative max error").isLessThanOrEqualTo(tolerance);
        return relative;
    }
}
