package dev.framewise.engine.reasoning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The JSON objects a model wrote into prose (often in a fenced json block, sometimes with a trailing comma or single
 * quotes), each with its character offsets; braces that do not open a valid object are skipped.
 */
final class JsonObjects {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private JsonObjects() {
    }

    /**
     * Offers each object in the text, outermost first, to {@code reader}; when it returns non-null, that object is
     * taken (passed to {@code sink}) and the scan continues after it, otherwise inside it.
     */
    static <T> void scan(String text, BiFunction<JsonNode, int[], T> reader, Consumer<T> sink) {
        int i = text.indexOf('{');
        while (i >= 0) {
            int close = matchingBrace(text, i);
            T taken = null;
            if (close >= 0) {
                JsonNode node = parse(text.substring(i, close + 1));
                if (node != null && node.isObject()) taken = reader.apply(node, new int[] {i, close + 1});
            }
            if (taken != null) sink.accept(taken);
            i = text.indexOf('{', taken != null ? close + 1 : i + 1);
        }
    }

    private static JsonNode parse(String json) {
        try (JsonParser parser = LENIENT.createParser(json)) {
            return LENIENT.readTree(parser);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
