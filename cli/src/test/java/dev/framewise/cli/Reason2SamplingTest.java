package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.family.qwen3vl.Qwen3Fixture;
import dev.framewise.engine.model.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.framewise.cli.AskCommandTest.ask;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ask --prompt} on a Qwen3-VL model samples with cosmos-reason2's defaults (cosmos_reason2_utils
 * script/inference.py {@code SamplingOverrides.get_defaults}) for the options the user leaves out; the run's
 * recorded parameters say what was used.
 */
class Reason2SamplingTest {
    private static final String MODEL = Qwen3Fixture.dir().toString();

    private static JsonNode recordedParams(Path dir, String... extra) throws IOException {
        Path session = dir.resolve("s.framewise");
        String[] base = {"ask", "--model", MODEL, "--prompt", "What is shown?", "--max-tokens", "2", "--device",
                TestDevice.name(), "--json", "--session", session.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        AskCommandTest.Run run = ask(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(session.toFile()).get("runs").get(0).get("params");
    }

    @Test
    void withReasoningTheReason2ReasoningDefaultsApply(@TempDir Path dir) throws IOException {
        JsonNode p = recordedParams(dir);
        assertThat(p.get("max_tokens").asInt()).isEqualTo(2); // given
        assertThat(p.get("temperature").asDouble()).isEqualTo(0.6);
        assertThat(p.get("top_p").asDouble()).isEqualTo(0.95);
        assertThat(p.get("top_k").asInt()).isEqualTo(20);
        assertThat(p.get("repetition_penalty").asDouble()).isEqualTo(1.0);
        assertThat(p.has("presence_penalty")).isFalse(); // 0, not written
    }

    @Test
    void withoutReasoningThePresencePenaltyIsOneAndAHalfAndGivenOptionsWin(@TempDir Path dir) throws IOException {
        JsonNode p = recordedParams(dir, "--no-reasoning-format", "--top-k", "5", "--frequency-penalty", "0.25");
        assertThat(p.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(p.get("top_p").asDouble()).isEqualTo(0.8);
        assertThat(p.get("top_k").asInt()).isEqualTo(5);
        assertThat(p.get("presence_penalty").asDouble()).isEqualTo(1.5);
        assertThat(p.get("frequency_penalty").asDouble()).isEqualTo(0.25);
    }

    @Test
    void aPenaltyOutOfRangeIsOneLine(@TempDir Path dir) {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "q", "--presence-penalty", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("presence penalty must be in -2..2, got 3.0").doesNotContain("Exception");
    }
}
