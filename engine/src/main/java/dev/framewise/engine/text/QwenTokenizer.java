package dev.framewise.engine.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.torch.NativeSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tokenizer of a Qwen2 / Qwen2.5-VL checkpoint: {@code tokenizer.json} run by Hugging Face tokenizers
 * (through DJL, offline, no BOS/EOS added, as the Qwen2 tokenizer adds none), plus the vocabulary tables and
 * the eos/pad tokens of {@code tokenizer_config.json}. Thread-safe; close it to free the native tokenizer.
 */
public final class QwenTokenizer implements AutoCloseable {
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String VISION_START = "<|vision_start|>";
    public static final String VISION_END = "<|vision_end|>";
    public static final String IMAGE_PAD = "<|image_pad|>";
    public static final String VIDEO_PAD = "<|video_pad|>";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final TokenizerVocabulary vocabulary;
    private final Path file;
    private final String eosToken;
    private final String padToken;

    private QwenTokenizer(HuggingFaceTokenizer tokenizer, TokenizerVocabulary vocabulary, Path file,
                          String eosToken, String padToken) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.file = file;
        this.eosToken = eosToken;
        this.padToken = padToken;
    }

    /**
     * Loads {@code tokenizer.json} (required; its {@code added_tokens} carry the special flags) and
     * {@code tokenizer_config.json} (optional: {@code eos_token}, {@code pad_token}) from a model folder.
     */
    public static QwenTokenizer load(Path modelDir) {
        NativeSetup.configure(); // the tokenizers native library must not go online to pick a flavour
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new EngineException(file + " not found: a Hugging Face model folder must contain tokenizer.json;"
                    + " check the --model folder or download the model again");
        }
        TokenizerVocabulary vocabulary = TokenizerVocabulary.fromTokenizerJson(readJson(file), file);
        Path configFile = modelDir.resolve("tokenizer_config.json");
        JsonNode config = Files.isRegularFile(configFile) ? readJson(configFile) : JSON.createObjectNode();
        HuggingFaceTokenizer tokenizer;
        try {
            // DJL truncates to 512 tokens unless told not to; a video prompt has thousands.
            tokenizer = HuggingFaceTokenizer.newInstance(file,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new EngineException(file + " could not be loaded by Hugging Face tokenizers (" + e.getMessage()
                    + "); the file is corrupt or from an unsupported tokenizers version — download it again", e);
        }
        return new QwenTokenizer(tokenizer, vocabulary, file,
                tokenContent(config.path("eos_token")), tokenContent(config.path("pad_token")));
    }

    /** Reads a JSON file, turning syntax errors into a message with the file, line and column. */
    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new EngineException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + "); download or fix the file", e);
        } catch (IOException e) {
            throw new EngineException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A special token in tokenizer_config.json is either its text or an AddedToken object {"content": …}. */
    private static String tokenContent(JsonNode node) {
        if (node.isTextual()) return node.asText();
        if (node.isObject() && node.path("content").isTextual()) return node.path("content").asText();
        return null;
    }

    /** Token ids of a text; added tokens written in it ({@code <|image_pad|>}, …) become their single ids. */
    public int[] encode(String text) {
        return Arrays.stream(tokenizer.encode(text, false, false).getIds()).mapToInt(Math::toIntExact).toArray();
    }

    /** Text of token ids with special tokens kept (upstream {@code decode(ids, skip_special_tokens=False)}). */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), skipSpecialTokens);
    }

    /** A detokenizer for a stream of generated ids. */
    public StreamingDetokenizer streamingDetokenizer(boolean skipSpecialTokens) {
        return new StreamingDetokenizer(vocabulary, skipSpecialTokens);
    }

    /** The vocabulary string of an id in the byte-level alphabet ({@code Ġworld}), or null for an unknown id. */
    public String tokenString(int id) {
        return vocabulary.token(id);
    }

    /** The bytes one token decodes to (a byte token may hold part of a multi-byte character); empty if unknown. */
    public byte[] tokenBytes(int id) {
        return vocabulary.bytes(id).clone();
    }

    /** One more than the largest token id (upstream {@code len(tokenizer)}); the model's embedding may be larger. */
    public int vocabularySize() {
        return vocabulary.size();
    }

    public boolean isSpecial(int id) {
        return vocabulary.isSpecial(id);
    }

    /** The id of a token string, e.g. {@link #IMAGE_PAD}. */
    public OptionalInt findTokenId(String token) {
        Integer id = vocabulary.id(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The id of a token the model cannot work without; a clear error when the tokenizer lacks it. */
    public int requireTokenId(String token) {
        return findTokenId(token).orElseThrow(() -> new EngineException(file + " has no token " + token
                + "; this tokenizer does not belong to a Qwen2.5-VL model"));
    }

    /** {@code eos_token} of tokenizer_config.json ({@code <|im_end|>} for chat checkpoints), if given. */
    public OptionalInt eosTokenId() {
        return eosToken == null ? OptionalInt.empty() : findTokenId(eosToken);
    }

    public OptionalInt padTokenId() {
        return padToken == null ? OptionalInt.empty() : findTokenId(padToken);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
