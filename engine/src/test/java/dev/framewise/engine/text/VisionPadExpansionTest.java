package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.EngineException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisionPadExpansionTest {

    private static List<Integer> tokenCounts(JsonNode grids) {
        List<Integer> counts = new ArrayList<>();
        for (JsonNode grid : grids) counts.add(VisionPadExpansion.tokenCount(TextFixture.ints(grid), 2));
        return counts;
    }

    @Test
    void everyFixtureCaseExpandsAndTokenizesExactly() {
        ChatTemplate template = ChatTemplate.load(TextFixture.modelDir());
        try (QwenTokenizer tokenizer = QwenTokenizer.load(TextFixture.modelDir())) {
            for (JsonNode c : TextFixture.json("cases.json").get("cases")) {
                String prompt = template.render(MessagesFileTest.caseMessages(c), true);
                String expanded = VisionPadExpansion.expand(prompt,
                        tokenCounts(c.path("image_grid_thw")), tokenCounts(c.path("video_grid_thw")));
                assertThat(expanded).as(c.get("id").asText()).isEqualTo(c.get("prompt_text_expanded").asText());
                assertThat(tokenizer.encode(expanded)).as(c.get("id").asText())
                        .containsExactly(TextFixture.ints(c.get("input_ids")))
                        .hasSize(c.get("num_input_tokens").asInt());
            }
        }
    }

    @Test
    void tokenCountIsGridProductOverMergeSquared() {
        assertThat(VisionPadExpansion.tokenCount(new int[] {3, 4, 4}, 2)).isEqualTo(12);
        assertThat(VisionPadExpansion.tokenCount(new int[] {1, 2, 8}, 2)).isEqualTo(4);
    }

    @Test
    void placeholderAndMediaCountsMustAgree() {
        assertThatThrownBy(() -> VisionPadExpansion.expand("a<|image_pad|>b<|image_pad|>", List.of(3), List.of()))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("the prompt has 2 <|image_pad|> placeholder(s) but 1 image(s) were given");
        assertThatThrownBy(() -> VisionPadExpansion.expand("text only", List.of(), List.of(4)))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("the prompt has 0 <|video_pad|> placeholder(s) but 1 video(s) were given");
        assertThat(VisionPadExpansion.expand("<|video_pad|>|<|image_pad|>", List.of(1), List.of(2)))
                .isEqualTo("<|video_pad|><|video_pad|>|<|image_pad|>");
    }
}
