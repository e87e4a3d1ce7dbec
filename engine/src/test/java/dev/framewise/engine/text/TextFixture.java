package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The qwen25vl-tiny fixture as the tests see it: from the test class path, never from an absolute path. */
final class TextFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextFixture() {
    }

    static Path modelDir() {
        URL url = TextFixture.class.getResource("/qwen25vl-tiny/config.json");
        if (url == null) throw new IllegalStateException("qwen25vl-tiny fixture missing from the test class path");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(modelDir().resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
