package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingDetokenizerTest {
    private static QwenTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = QwenTokenizer.load(TextFixture.modelDir());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static List<String> stream(int[] ids, boolean skipSpecial) {
        StreamingDetokenizer detok = tokenizer.streamingDetokenizer(skipSpecial);
        List<String> pieces = new ArrayList<>();
        for (int id : ids) pieces.add(detok.accept(id));
        pieces.add(detok.finish());
        return pieces;
    }

    @Test
    void multiByteCharactersComeOutWholeAndNeverBroken() {
        String text = "中文测试：你好，世界！😀👍🏽 emoji 🇯🇵 👨‍👩‍👧 café";
        int[] ids = tokenizer.encode(text);
        assertThat(ids.length).as("CJK and emoji fall back to byte tokens").isGreaterThan(text.length());
        List<String> pieces = stream(ids, false);
        assertThat(String.join("", pieces)).isEqualTo(tokenizer.decode(ids)).isEqualTo(text);
        assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        assertThat(pieces).noneMatch(p -> !p.isEmpty() && Character.isLowSurrogate(p.charAt(0)));
        // "中" is three byte tokens: the first two give nothing, the third the whole character
        assertThat(pieces.subList(0, 3)).containsExactly("", "", "中");
    }

    @Test
    void everyTokenizerCaseStreamsToItsFullDecode() {
        for (JsonNode c : TextFixture.json("tokenizer_cases.json").get("cases")) {
            int[] ids = TextFixture.ints(c.get("ids"));
            assertThat(String.join("", stream(ids, false))).isEqualTo(c.get("decoded").asText());
            assertThat(String.join("", stream(ids, true))).isEqualTo(tokenizer.decode(ids, true));
        }
    }

    @Test
    void unfinishedCharacterIsHeldBackThenReplacedAtTheEnd() {
        int[] ids = tokenizer.encode("a中");
        StreamingDetokenizer detok = tokenizer.streamingDetokenizer(false);
        assertThat(detok.accept(ids[0])).isEqualTo("a");
        assertThat(detok.accept(ids[1])).isEmpty();
        assertThat(detok.hasPendingBytes()).isTrue();
        assertThat(detok.finish()).isEqualTo("\uFFFD");
        assertThat(tokenizer.decode(new int[] {ids[0], ids[1]})).isEqualTo("a\uFFFD");
    }

    @Test
    void idsOutsideTheVocabularyDecodeToNothingLikeUpstream() {
        int[] ids = {39, 2040, 301};
        assertThat(String.join("", stream(ids, false))).isEqualTo(tokenizer.decode(ids)).isEqualTo("Hel");
    }
}
