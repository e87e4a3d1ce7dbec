package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.EngineException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The id ↔ string tables of a byte-level BPE {@code tokenizer.json} (model vocabulary plus added tokens),
 * which DJL's tokenizer wrapper does not expose. Strings are in the byte-level alphabet.
 */
final class TokenizerVocabulary {
    private final String[] tokens;      // (size) vocabulary string of each id, null for unused ids
    private final boolean[] special;    // (size) added tokens marked special: skipped by decode(skipSpecial)
    private final byte[][] bytes;       // (size) the bytes each id decodes to
    private final Map<String, Integer> ids;

    private TokenizerVocabulary(String[] tokens, boolean[] special) {
        this.tokens = tokens;
        this.special = special;
        this.bytes = new byte[tokens.length][];
        this.ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] == null) continue;
            bytes[id] = ByteLevelAlphabet.tokenBytes(tokens[id]);
            ids.put(tokens[id], id);
        }
    }

    /** Reads {@code model.vocab} and {@code added_tokens} of a parsed tokenizer.json. */
    static TokenizerVocabulary fromTokenizerJson(JsonNode root, Path file) {
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new EngineException(file + ": model.type is '" + model.path("type").asText()
                    + "', but only byte-level BPE tokenizers (Qwen2) are supported");
        }
        if (!"ByteLevel".equals(root.path("decoder").path("type").asText())) {
            throw new EngineException(file + ": decoder.type is '" + root.path("decoder").path("type").asText()
                    + "', but only the ByteLevel decoder of Qwen2 tokenizers is supported");
        }
        JsonNode vocab = model.path("vocab");
        JsonNode added = root.path("added_tokens");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new EngineException(file + ": model.vocab is missing or empty; the file is not a complete tokenizer.json");
        }
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            size = Math.max(size, it.next().getValue().asInt() + 1);
        }
        for (JsonNode token : added) size = Math.max(size, token.path("id").asInt() + 1);
        String[] tokens = new String[size];
        boolean[] special = new boolean[size];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tokens[e.getValue().asInt()] = e.getKey();
        }
        for (JsonNode token : added) {
            int id = token.path("id").asInt();
            tokens[id] = token.path("content").asText();
            special[id] = token.path("special").asBoolean(false);
        }
        return new TokenizerVocabulary(tokens, special);
    }

    /** One more than the largest id the tokenizer knows (upstream {@code len(tokenizer)}). */
    int size() {
        return tokens.length;
    }

    /** The vocabulary string of an id, or null for an id the tokenizer does not know. */
    String token(int id) {
        return known(id) ? tokens[id] : null;
    }

    /**
     * The bytes an id decodes to; empty for an id the tokenizer does not know (a padding row of the
     * embedding), because upstream {@code decode} drops such ids too.
     */
    byte[] bytes(int id) {
        return known(id) ? bytes[id] : new byte[0];
    }

    boolean isSpecial(int id) {
        return id >= 0 && id < special.length && special[id];
    }

    Integer id(String token) {
        return ids.get(token);
    }

    private boolean known(int id) {
        return id >= 0 && id < tokens.length && tokens[id] != null;
    }
}
