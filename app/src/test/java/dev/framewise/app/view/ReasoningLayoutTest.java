package dev.framewise.app.view;

import dev.framewise.app.viewmodel.ReasoningOutline;
import dev.framewise.app.viewmodel.TokenConfidence;
import dev.framewise.engine.api.TokenEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReasoningLayoutTest {
    private static final String RAW = "<think>\nA at 1 s.\nB.\n</think><answer>C</answer>";
    private static final ReasoningOutline OUTLINE = new ReasoningOutline(
            List.of(new ReasoningOutline.Span(8, 17), new ReasoningOutline.Span(18, 20)),
            new ReasoningOutline.Span(37, 38),
            List.of(new ReasoningOutline.Reference(10, 16, 1.0, "at 1 s")), List.of(), List.of());

    @Test
    void stepsAreNumberedAndLinksMapIntoTheArea() {
        ReasoningLayout.Area area = new ReasoningLayout(RAW, OUTLINE, List.of(), false).thinking();
        assertThat(area.text()).isEqualTo("1  A at 1 s.\n2  B.");
        assertThat(area.links()).containsExactly(new ReasoningLayout.Link(5, 11, 1.0));
        assertThat(area.text().substring(5, 11)).isEqualTo("at 1 s");
        assertThat(area.runs()).anySatisfy(r -> {
            assertThat(r.styles()).contains("step-number");
            assertThat(r.start()).isEqualTo(0);
        });
        assertThat(area.runs().get(area.runs().size() - 1).end()).isEqualTo(area.text().length());
    }

    @Test
    void unlikelyTokensAreShadedWhereTheyLand() {
        List<TokenEvent> tokens = List.of(new TokenEvent(0, 1, RAW.substring(0, 10), -0.01, List.of()),
                new TokenEvent(1, 2, RAW.substring(10, 12), Math.log(0.1), List.of()),
                new TokenEvent(2, 3, RAW.substring(12), -0.01, List.of()));
        ReasoningLayout.Area area = new ReasoningLayout(RAW, OUTLINE, tokens, true).thinking();
        List<ReasoningLayout.Styled> shaded = area.runs().stream().filter(r -> r.styles().contains("conf-3")).toList();
        assertThat(shaded).hasSize(1);
        assertThat(area.text().substring(shaded.get(0).start(), shaded.get(0).end())).isEqualTo("at");
        assertThat(new ReasoningLayout(RAW, OUTLINE, tokens, true).answer().text()).isEqualTo("C");
    }

    @Test
    void confidenceLevelsFollowTheProbability() {
        assertThat(TokenConfidence.level(Math.log(0.9))).isZero();
        assertThat(TokenConfidence.level(Math.log(0.6))).isEqualTo(1);
        assertThat(TokenConfidence.level(Math.log(0.3))).isEqualTo(2);
        assertThat(TokenConfidence.level(Math.log(0.05))).isEqualTo(3);
    }
}
