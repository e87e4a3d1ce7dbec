package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a JSON configuration object that fail with the file and field named. Lookups try the
 * object itself, then its fallbacks in order (a nested {@code text_config} falls back to the top level).
 */
public final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String prefix;
    private final List<JsonNode> nodes;

    private JsonFields(Path file, String prefix, List<JsonNode> nodes) {
        this.file = file;
        this.prefix = prefix;
        this.nodes = nodes;
    }

    public static JsonFields read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + " is missing: a model folder needs it (download the whole checkpoint)");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new ModelFormatException(file + " is not a JSON object");
            }
            return new JsonFields(file, "", List.of(root));
        } catch (IOException e) {
            throw new ModelFormatException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The object under {@code name}, falling back to this object's fields when absent from it. */
    public JsonFields nestedOrSelf(String name) {
        JsonNode nested = find(name);
        if (nested == null || !nested.isObject()) return this;
        List<JsonNode> chain = new ArrayList<>();
        chain.add(nested);
        chain.addAll(nodes);
        return new JsonFields(file, prefix + name + ".", chain);
    }

    /** The object under {@code name} alone, or null when absent. */
    public JsonFields nested(String name) {
        JsonNode nested = find(name);
        if (nested == null || nested.isNull()) return null;
        if (!nested.isObject()) throw invalid(name, "an object");
        return new JsonFields(file, prefix + name + ".", List.of(nested));
    }

    public boolean has(String name) {
        JsonNode n = find(name);
        return n != null && !n.isNull();
    }

    public int requireInt(String name) {
        JsonNode n = require(name);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) throw invalid(name, "an integer");
        return n.intValue();
    }

    public int positiveInt(String name) {
        int v = requireInt(name);
        if (v <= 0) throw invalid(name, "a positive integer");
        return v;
    }

    public int optInt(String name, int fallback) {
        return has(name) ? requireInt(name) : fallback;
    }

    public double requireDouble(String name) {
        JsonNode n = require(name);
        if (!n.isNumber()) throw invalid(name, "a number");
        return n.doubleValue();
    }

    public double optDouble(String name, double fallback) {
        return has(name) ? requireDouble(name) : fallback;
    }

    public boolean optBoolean(String name, boolean fallback) {
        if (!has(name)) return fallback;
        JsonNode n = find(name);
        if (!n.isBoolean()) throw invalid(name, "true or false");
        return n.booleanValue();
    }

    public String requireString(String name) {
        JsonNode n = require(name);
        if (!n.isTextual()) throw invalid(name, "a string");
        return n.textValue();
    }

    public String optString(String name, String fallback) {
        return has(name) ? requireString(name) : fallback;
    }

    /** An integer or a list of integers (e.g. {@code eos_token_id}); empty when absent. */
    public List<Integer> intOrIntList(String name) {
        if (!has(name)) return List.of();
        JsonNode n = find(name);
        if (n.isIntegralNumber()) return List.of(n.intValue());
        return intList(name);
    }

    public List<Integer> intList(String name) {
        JsonNode n = require(name);
        if (!n.isArray()) throw invalid(name, "a list of integers");
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber()) throw invalid(name, "a list of integers");
            out.add(e.intValue());
        }
        return List.copyOf(out);
    }

    public ModelFormatException invalid(String name, String expected) {
        return new ModelFormatException(file + ": field '" + prefix + name + "' must be " + expected
                + ", found " + find(name));
    }

    private JsonNode require(String name) {
        JsonNode n = find(name);
        if (n == null || n.isNull()) {
            throw new ModelFormatException(file + ": required field '" + prefix + name
                    + "' is missing (is this a Hugging Face Qwen2 / Qwen2.5-VL checkpoint?)");
        }
        return n;
    }

    private JsonNode find(String name) {
        for (JsonNode node : nodes) {
            JsonNode n = node.get(name);
            if (n != null) return n;
        }
        return null;
    }
}
