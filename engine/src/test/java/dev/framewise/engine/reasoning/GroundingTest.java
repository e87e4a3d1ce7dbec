package dev.framewise.engine.reasoning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundingTest {
    @Test
    void boxesAndPointsInAFencedJsonAnswer() {
        String answer = "Here they are:\n```json\n[\n\t{\"bbox_2d\": [135, 114, 1016, 672], \"label\": \"cup {red}\"},\n"
                + "\t{\"point_2d\": [40.5, 22], \"label\": \"handle\"},\n\t{\"bbox_2d\": [1, 2, 3], \"label\": \"bad\"},\n]\n```";
        List<Grounding> found = Grounding.find(answer);
        assertThat(found).hasSize(2);
        Grounding cup = found.get(0);
        assertThat(cup.kind()).isEqualTo(Grounding.Kind.BOX);
        assertThat(cup.label()).isEqualTo("cup {red}");
        assertThat(cup.coordinates()).containsExactly(135, 114, 1016, 672);
        assertThat(answer.substring(cup.start(), cup.end()))
                .isEqualTo("{\"bbox_2d\": [135, 114, 1016, 672], \"label\": \"cup {red}\"}");
        Grounding handle = found.get(1);
        assertThat(handle.kind()).isEqualTo(Grounding.Kind.POINT);
        assertThat(handle.coordinates()).containsExactly(40.5, 22.0);
        assertThat(handle.scaled(2, 0.5).coordinates()).containsExactly(81.0, 11.0);
        assertThat(cup.scaled(0.5, 2).coordinates()).containsExactly(67.5, 228, 508, 1344);
    }

    @Test
    void proseWithBracesIsNotGrounding() {
        assertThat(Grounding.find("a set {1, 2} and {\"x\": 1} and an unclosed {\"bbox_2d\": [1,2,3,4]")).isEmpty();
        assertThat(Grounding.find("{'bbox_2d': [1, 2, 3, 4]}")).hasSize(1).first()
                .satisfies(g -> assertThat(g.label()).isNull());
    }
}
