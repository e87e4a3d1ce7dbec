package dev.framewise.sessions.store;

import dev.framewise.sessions.model.RunTimings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Timings as session files hold them, including files written before {@code cached_prompt_tokens} existed. */
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
}
