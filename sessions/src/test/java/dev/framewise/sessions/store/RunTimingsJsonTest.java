package dev.framewise.sessions.store;

import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.Timings;
import dev.framewise.sessions.model.RunEstimate;
import dev.framewise.sessions.model.RunTimings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timings as session files hold them, including files written before {@code cached_prompt_tokens} and
 * {@code media_ms} existed, and the cost preview's estimate beside the actual split.
 */
class RunTimingsJsonTest {

    @Test
    void timingsWithoutCachedPromptTokensReadAsNothingCached() throws Exception {
        String older = "{\"load_ms\": 1.5, \"preprocess_ms\": 2, \"vision_ms\": 3, \"prefill_ms\": 40, "
                + "\"first_token_ms\": 50, \"decode_ms\": 60, \"prompt_tokens\": 120, \"generated_tokens\": 7}";
        RunTimings t = SessionJson.mapper().readValue(older, RunTimings.class);
        assertThat(t).isEqualTo(new RunTimings(1.5, 2, 3, 40, 50, 60, 120, 7, 0));
        assertThat(t.toTimings().prefillTokensPerSecond()).isEqualTo(3000.0);
    }

    @Test
    void cachedPromptTokensRoundTrip() throws Exception {
        RunTimings t = new RunTimings(1.5, 2, 3, 40, 50, 60, 120, 7, 100);
        String json = SessionJson.mapper().writeValueAsString(t);
        assertThat(json).contains("\"cached_prompt_tokens\":100");
        assertThat(SessionJson.mapper().readValue(json, RunTimings.class)).isEqualTo(t);
        assertThat(t.toTimings().prefillTokensPerSecond()).isEqualTo(500.0);
    }

    @Test
    void theEstimateIsKeptBesideTheActualSplit() throws Exception {
        CostEstimate estimate = new CostEstimate(8, 2880, 720, 790, 3L << 30, 2L << 30, 1L << 20, 1L << 24, 0.4, 2.5,
                1.5, 0.1, 12, 3);
        Timings actual = new Timings(0, 30, 2400, 1600, 1650, 700, 790, 9, 0, 380);
        RunTimings t = RunTimings.of(actual, RunEstimate.of(estimate));
        String json = SessionJson.mapper().writeValueAsString(t);
        assertThat(json).contains("\"media_ms\":380.0", "\"vision_ms\":2400.0", "\"prefill_ms\":1600.0",
                "\"first_token_ms\":1650.0", "\"decode_ms\":700.0", "\"seconds_to_first_token\":4.5",
                "\"vision_tokens\":720", "\"prompt_tokens\":790", "\"calibrated_runs\":3");
        RunTimings read = SessionJson.mapper().readValue(json, RunTimings.class);
        assertThat(read).isEqualTo(t);
        assertThat(read.toTimings()).isEqualTo(actual);
        assertThat(read.estimate().secondsToFirstToken()).isEqualTo(estimate.secondsToFirstToken());
        assertThat(read.toTimings().timeToFirstTokenMs()).isEqualTo(30 + 380 + 2400 + 1650);
    }
}
