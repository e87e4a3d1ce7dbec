package dev.framewise.app.view;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers in Markdown: blocks, lists, code and emphasis laid out, with each piece's place in the source kept. */
class MarkdownLayoutTest {

    @Test
    void aPlainAnswerIsItselfWithItsSourceOffset() {
        List<MarkdownLayout.Piece> pieces = MarkdownLayout.of("\nThe ball hits the green box next.\n");
        assertThat(MarkdownLayout.shown(pieces)).isEqualTo("The ball hits the green box next.");
        assertThat(pieces.get(0).source()).isEqualTo(1);
        assertThat(pieces.get(0).styles()).isEmpty();
    }

    @Test
    void paragraphsListsAndEmphasis() {
        String md = "It is **not** safe:\n\n- the cup is *tilted*\n- the arm moves at 2.5 s\n\n1. stop\n2. wait";
        List<MarkdownLayout.Piece> pieces = MarkdownLayout.of(md);
        assertThat(MarkdownLayout.shown(pieces)).isEqualTo("It is not safe:\n\n\u2022 the cup is tilted\n\u2022 the arm moves at 2.5 s"
                + "\n\n1. stop\n2. wait");
        MarkdownLayout.Piece strong = pieces.stream().filter(p -> p.text().equals("not")).findFirst().orElseThrow();
        assertThat(strong.styles()).containsExactly("md-strong");
        assertThat(strong.source()).isEqualTo(md.indexOf("not"));
        MarkdownLayout.Piece time = pieces.stream().filter(p -> p.text().contains("2.5 s")).findFirst().orElseThrow();
        assertThat(md.substring(time.source(), time.source() + time.text().length())).isEqualTo(time.text());
        assertThat(pieces.stream().filter(p -> p.text().equals("\u2022 ")).toList()).allMatch(p -> p.source() == -1);
    }

    @Test
    void jsonInACodeFenceIsACodeBlockAtItsSourceOffset() {
        String md = "The cup:\n```json\n[{\"bbox_2d\": [10, 20, 30, 40], \"label\": \"cup\"}]\n```";
        List<MarkdownLayout.Piece> pieces = MarkdownLayout.of(md);
        assertThat(MarkdownLayout.shown(pieces)).isEqualTo("The cup:\n\n[{\"bbox_2d\": [10, 20, 30, 40], \"label\": \"cup\"}]");
        MarkdownLayout.Piece code = pieces.get(pieces.size() - 1);
        assertThat(code.styles()).containsExactly("md-code-block");
        assertThat(code.source()).isEqualTo(md.indexOf("[{"));
    }

    @Test
    void headingsInlineCodeAndNestedLists() {
        String md = "## Plan\n\nUse `grasp()` then:\n\n- lift\n  - slowly";
        List<MarkdownLayout.Piece> pieces = MarkdownLayout.of(md);
        assertThat(MarkdownLayout.shown(pieces)).isEqualTo("Plan\n\nUse grasp() then:\n\n\u2022 lift\n    \u2022 slowly");
        assertThat(pieces.get(0).styles()).containsExactly("md-heading");
        assertThat(pieces.stream().filter(p -> p.text().equals("grasp()")).findFirst().orElseThrow().styles())
                .containsExactly("md-code");
    }
}
