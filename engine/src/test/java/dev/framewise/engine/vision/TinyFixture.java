package dev.framewise.engine.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.media.RgbImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The qwen25vl-tiny fixture on the test class path: its folder, cases.json and golden float32 arrays. */
final class TinyFixture {
    static final Path DIR = folder();
    static final JsonNode CASES = readCases();

    private TinyFixture() {
    }

    static JsonNode testCase(String id) {
        for (JsonNode c : CASES.get("cases")) {
            if (c.get("id").asText().equals(id)) return c;
        }
        throw new IllegalArgumentException("no case " + id);
    }

    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        CASES.get("cases").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    static float[] golden(JsonNode array) {
        try {
            byte[] bytes = Files.readAllBytes(DIR.resolve(array.get("file").asText()));
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) values[i] = array.get(i).asInt();
        return values;
    }

    static List<GridThw> grids(JsonNode array) {
        List<GridThw> grids = new ArrayList<>();
        if (array == null) return grids;
        for (JsonNode g : array) grids.add(new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt()));
        return grids;
    }

    /** Loads a PNG as packed RGB (the fixture's PNGs are 8-bit RGB). */
    static RgbImage png(String relative) {
        try {
            BufferedImage image = ImageIO.read(DIR.resolve(relative).toFile());
            byte[] rgb = new byte[3 * image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int argb = image.getRGB(x, y);
                    int o = 3 * (y * image.getWidth() + x);
                    rgb[o] = (byte) (argb >> 16);
                    rgb[o + 1] = (byte) (argb >> 8);
                    rgb[o + 2] = (byte) argb;
                }
            }
            return new RgbImage(image.getWidth(), image.getHeight(), rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PreprocessorConfig preprocessorConfig() {
        return PreprocessorConfig.load(DIR);
    }

    private static Path folder() {
        URL url = TinyFixture.class.getResource("/qwen25vl-tiny/cases.json");
        if (url == null) throw new IllegalStateException("qwen25vl-tiny fixture is not on the test class path");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readCases() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
