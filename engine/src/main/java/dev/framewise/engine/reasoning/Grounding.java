package dev.framewise.engine.reasoning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A box or point in Qwen2.5-VL's grounding JSON ({@code {"bbox_2d": [x1, y1, x2, y2], "label": "cup"}},
 * {@code {"point_2d": [x, y], "label": …}}), usually inside a fenced json block of the answer. Coordinates
 * are absolute pixels of the image as the model saw it (after smart_resize); {@link #scaled} maps them to
 * the original media. {@code start}/{@code end} are the character offsets of the object in the text.
 */
public record Grounding(Kind kind, String label, double[] coordinates, int start, int end) {
    public enum Kind { BOX, POINT }

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    public Grounding {
        coordinates = coordinates.clone();
    }

    /** Coordinates on media whose size differs from the model's input by {@code scaleX} × {@code scaleY}. */
    public Grounding scaled(double scaleX, double scaleY) {
        double[] c = coordinates.clone();
        for (int i = 0; i < c.length; i++) c[i] *= i % 2 == 0 ? scaleX : scaleY;
        return new Grounding(kind, label, c, start, end);
    }

    /** Every grounding object in the text, in order; objects that are not valid grounding JSON are skipped. */
    public static List<Grounding> find(String text) {
        List<Grounding> found = new ArrayList<>();
        int i = text.indexOf('{');
        while (i >= 0) {
            int close = matchingBrace(text, i);
            Grounding g = close < 0 ? null : parse(text.substring(i, close + 1), i, close + 1);
            if (g != null) found.add(g);
            i = text.indexOf('{', g != null ? close + 1 : i + 1);
        }
        return found;
    }

    private static Grounding parse(String json, int start, int end) {
        JsonNode node;
        try (JsonParser parser = LENIENT.createParser(json)) {
            node = LENIENT.readTree(parser);
        } catch (JsonProcessingException e) {
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) return null;
        String label = node.path("label").isValueNode() ? node.path("label").asText() : null;
        double[] box = numbers(node.get("bbox_2d"), 4);
        if (box != null) return new Grounding(Kind.BOX, label, box, start, end);
        double[] point = numbers(node.get("point_2d"), 2);
        return point == null ? null : new Grounding(Kind.POINT, label, point, start, end);
    }

    private static double[] numbers(JsonNode array, int count) {
        if (array == null || !array.isArray() || array.size() != count) return null;
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            if (!array.get(k).isNumber()) return null;
            out[k] = array.get(k).asDouble();
        }
        return out;
    }

    /** Index of the brace closing the one at {@code open}, skipping braces inside strings; -1 if unbalanced. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int k = open; k < text.length(); k++) {
            char c = text.charAt(k);
            if (inString) {
                if (c == '\\') k++;
                else if (c == quote) inString = false;
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }
}
