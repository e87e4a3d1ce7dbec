package dev.framewise.app.viewmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunContext;
import dev.framewise.sessions.model.Runs;
import dev.framewise.sessions.store.SessionJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void aReopenedRunShowsTheTimingsItShowedWhenItEnded() throws Exception {
        RunViewModel live = run();
        now.set(1_700_000_000L);
        TokenEvent first = new TokenEvent(0, 7, "Yes", -0.1, List.of());
        TokenEvent second = new TokenEvent(1, 8, ".", -0.2, List.of());
        live.onTokens(List.of(first, second));
        GenerationResult result = result(List.of(first, second), new Timings(0, 120, 900, 300, 380, 40, 64, 2, 0, 60),
                FinishReason.EOS);
        live.finished(result);

        // saved as the session saves it, written as JSON and read back, then shown as a reopened session shows it
        Run saved = Runs.fromResult(new GenerationRequest(List.of(ChatMessage.user("q")), GenerationParams.greedy(16)),
                result, ModelInfo.UNKNOWN, RunContext.of("embedded"), Map.of(), Instant.EPOCH);
        ObjectMapper json = SessionJson.mapper();
        Run read = json.readValue(json.writeValueAsString(saved), Run.class);
        RunSpec spec = new RunSpec("q", null, null, null, GenerationParams.greedy(16), null, null, true, "t");
        RunViewModel reopened = RunViewModel.restored(read, spec, (text, frames) -> ReasoningOutline.EMPTY,
                RunViewModel.State.DONE, read.outcome().text(), List.of(first, second), List.of(),
                read.outcome().timings().toTimings(), null);

        assertThat(reopened.firstTokenMsProperty().get()).isEqualTo(live.firstTokenMsProperty().get()).isPositive();
        assertThat(reopened.firstTokenSplitProperty().get()).isEqualTo(live.firstTokenSplitProperty().get()).isNotEmpty();
        assertThat(reopened.tokensPerSecondProperty().get()).isEqualTo(live.tokensPerSecondProperty().get());
        // the total is the stages' sum both times (media 60, preparing 120, vision 900, prefill 300, decode 40 ms)
        assertThat(reopened.totalMsProperty().get()).isEqualTo(live.totalMsProperty().get()).isCloseTo(1420, within(1e-9));
    }
}
