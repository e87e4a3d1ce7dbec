package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Time to first token means one thing while a run streams, when it ends, and when it is stopped early. */
class RunTimingsTest {
    private final AtomicLong now = new AtomicLong();

    private RunViewModel run() {
        RunSpec spec = new RunSpec("q", null, null, null, GenerationParams.greedy(16), null, null, true, "t");
        return new RunViewModel("id", Instant.EPOCH, spec, null, null, (text, frames) -> ReasoningOutline.EMPTY, now::get);
    }

    private static GenerationResult result(List<TokenEvent> tokens, Timings timings, FinishReason reason) {
        String text = String.join("", tokens.stream().map(TokenEvent::text).toList());
        return new GenerationResult("m", new int[]{1}, tokens, text, "", text, List.of(), List.of(), timings, reason, 1L, List.of());
    }

    @Test
    void firstTokenIncludesVisionAndPrefillLiveAndAfterTheRunWithTheSplit() {
        RunViewModel run = run();
        now.set(1_560_000_000L); // the first token comes 1.56 s after the question: media, vision, prefill, sampling
        TokenEvent token = new TokenEvent(0, 7, "Yes", -0.1, List.of());
        run.onTokens(List.of(token));
        assertThat(run.firstTokenMsProperty().get()).isCloseTo(1560, within(1e-6));
        assertThat(run.firstTokenSplitProperty().get()).isEmpty();

        // The engine's own figure starts at prefill (450 ms); the user also waited for preparing and vision.
        run.finished(result(List.of(token), new Timings(0, 100, 1000, 400, 450, 0, 50, 1), FinishReason.EOS));
        assertThat(run.firstTokenMsProperty().get()).isCloseTo(1550, within(1e-6));
        assertThat(run.firstTokenSplitProperty().get())
                .isEqualTo("preparing 0.10 s · vision 1.00 s · prefill 0.40 s · first token 0.05 s");
    }

    @Test
    void theSplitSeparatesMediaDecodeFromVisionEncode() {
        RunViewModel run = run();
        now.set(2_000_000_000L);
        TokenEvent token = new TokenEvent(0, 7, "Yes", -0.1, List.of());
        run.onTokens(List.of(token));
        run.finished(result(List.of(token), new Timings(0, 100, 700, 400, 450, 0, 50, 1, 0, 300), FinishReason.EOS));
        assertThat(run.firstTokenMsProperty().get()).isCloseTo(1550, within(1e-6));
        assertThat(run.firstTokenSplitProperty().get()).isEqualTo(
                "preparing 0.10 s · media decode 0.30 s · vision encode 0.70 s · prefill 0.40 s · first token 0.05 s");
    }

    @Test
    void aRunStoppedBeforeAnyTokenHasNoFirstTokenTime() {
        RunViewModel run = run();
        now.set(2_000_000_000L);
        run.finished(result(List.of(), new Timings(0, 100, 1000, 400, 0, 0, 50, 0), FinishReason.CANCELLED));
        assertThat(run.firstTokenMsProperty().get()).isNaN();
        assertThat(run.firstTokenSplitProperty().get()).isEmpty();
        assertThat(run.state()).isEqualTo(RunViewModel.State.CANCELLED);
    }
}
