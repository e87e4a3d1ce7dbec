package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.EngineException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QwenTokenizerTest {
    private static QwenTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = QwenTokenizer.load(TextFixture.modelDir());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void longPromptsAreNeverTruncated() {
        String prompt = "<|vision_start|>" + "<|video_pad|>".repeat(3000) + "<|vision_end|>What happens next?";
        int[] ids = tokenizer.encode(prompt);
        assertThat(ids).hasSize(3000 + 2 + tokenizer.encode("What happens next?").length);
        assertThat(tokenizer.decode(ids)).isEqualTo(prompt);
    }

    @Test
    void everyTokenizerCaseIsExact() {
        JsonNode cases = TextFixture.json("tokenizer_cases.json").get("cases");
        assertThat(cases.size()).isEqualTo(16);
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            int[] ids = tokenizer.encode(text);
            assertThat(ids).as("ids of %s", text).containsExactly(TextFixture.ints(c.get("ids")));
            List<String> tokens = new ArrayList<>();
            for (int id : ids) tokens.add(tokenizer.tokenString(id));
            List<String> expected = new ArrayList<>();
            c.get("tokens").forEach(t -> expected.add(t.asText()));
            assertThat(tokens).as("tokens of %s", text).isEqualTo(expected);
            assertThat(tokenizer.decode(ids)).as("decode of %s", text).isEqualTo(c.get("decoded").asText());
        }
    }

    @Test
    void specialTokensHaveTheFixtureIds() {
        JsonNode expected = TextFixture.json("cases.json").get("special_token_ids");
        expected.fields().forEachRemaining(e ->
                assertThat(tokenizer.requireTokenId(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asInt()));
        assertThat(tokenizer.requireTokenId(QwenTokenizer.IMAGE_PAD)).isEqualTo(2012);
        assertThat(tokenizer.eosTokenId()).hasValue(2002);
        assertThat(tokenizer.padTokenId()).hasValue(2000);
        assertThat(tokenizer.isSpecial(2002)).isTrue();
        assertThat(tokenizer.isSpecial(39)).isFalse();
        assertThat(tokenizer.vocabularySize()).isEqualTo(2022);
        assertThat(tokenizer.findTokenId("<think>")).isEmpty();
    }

    @Test
    void decodeCanSkipSpecialTokens() {
        int[] ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|>");
        assertThat(tokenizer.decode(ids, true)).isEqualTo("user\nhi");
    }

    @Test
    void missingTokenizerNamesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> QwenTokenizer.load(dir))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("not found");
    }

    @Test
    void corruptTokenizerNamesFileAndPosition(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\n  \"model\": {\"vocab\": {\"a\": 0,}\n");
        assertThatThrownBy(() -> QwenTokenizer.load(dir))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("tokenizer.json is not valid JSON (line 2");
    }

    @Test
    void tokenizerOfAnotherKindIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"),
                "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 0}}, \"decoder\": {\"type\": \"WordPiece\"}}");
        assertThatThrownBy(() -> QwenTokenizer.load(dir))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("model.type is 'WordPiece'");
    }
}
