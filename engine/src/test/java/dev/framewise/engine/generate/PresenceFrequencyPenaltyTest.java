package dev.framewise.engine.generate;

import dev.framewise.engine.api.GenerationParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresenceFrequencyPenaltyTest {

    @Test
    void eachGeneratedTokenLosesPresenceOnceAndFrequencyPerOccurrence() {
        GeneratedCounts counts = new GeneratedCounts();
        for (int token : new int[] {3, 1, 3, 3}) counts.add(token);
        float[] logits = {1f, 2f, 3f, 4f, 5f};
        counts.penalise(logits, 1.5, 0.25);
        // token 1 once: 2 - 0.25 - 1.5; token 3 three times: 4 - 0.75 - 1.5; the others untouched
        assertThat(logits).containsExactly(1f, 0.25f, 3f, 1.75f, 5f);
    }

    @Test
    void zeroPenaltiesLeaveTheLogitsAlone() {
        GeneratedCounts counts = new GeneratedCounts();
        for (int token = 0; token < 40; token++) counts.add(token % 3); // grows past its first capacity
        float[] logits = {1f, -2f, 3f};
        counts.penalise(logits, 0, 0);
        assertThat(logits).containsExactly(1f, -2f, 3f);
        counts.penalise(logits, 0, -0.5); // a negative frequency penalty encourages repetition, as in vLLM
        assertThat(logits).containsExactly(1f + 7f, -2f + 6.5f, 3f + 6.5f);
    }

    @Test
    void penaltiesOutsideVllmsRangeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> GenerationParams.builder().presencePenalty(2.5).build())
                .hasMessage("presence penalty must be in -2..2, got 2.5");
        assertThatThrownBy(() -> GenerationParams.builder().frequencyPenalty(Double.NaN).build())
                .hasMessage("frequency penalty must be in -2..2, got NaN");
        assertThat(GenerationParams.builder().presencePenalty(1.5).build().toBuilder().build().presencePenalty())
                .isEqualTo(1.5);
    }
}
