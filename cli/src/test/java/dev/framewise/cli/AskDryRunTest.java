package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.family.qwen3vl.Qwen3Fixture;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.framewise.cli.AskCommandTest.ask;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code framewise ask --dry-run}: the plan and its cost without running the model, for both families, counting
 * exactly the vision and prompt tokens the real run then uses; it needs no weights at all.
 */
@Timeout(240)
class AskDryRunTest {

    /** A copy of a model folder without its weights: a dry run must not need them. */
    private static Path withoutWeights(Path model, Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(model.getFileName()));
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().endsWith(".safetensors")) Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void assertDryRunCountsWhatTheRunUses(Path model, String image, Path dir) throws IOException {
        String[] question = {"--image", image, "--prompt", "What is in the picture?", "--max-tokens", "2",
                "--dtype", "fp32", "--device", "cpu", "--json"};
        AskCommandTest.Run dry = ask(concat(new String[] {"ask", "--dry-run", "--model",
                withoutWeights(model, dir).toString()}, question));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(dry.out());
        JsonNode estimate = plan.get("estimate");
        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(estimate.get("frames").asInt()).isEqualTo(1);
        assertThat(estimate.get("memory_bytes").asLong()).isGreaterThan(estimate.get("weights_bytes").asLong());
        assertThat(estimate.get("seconds_to_first_token").asDouble()).isPositive();
        assertThat(plan.get("calibration").get("runs").asInt()).isGreaterThanOrEqualTo(0);

        AskCommandTest.Run real = ask(concat(new String[] {"ask", "--model", model.toString()}, question));
        assertThat(real.exitCode()).as(real.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(real.out());
        assertThat(estimate.get("prompt_tokens").asInt()).isEqualTo(result.get("prompt_token_ids").size());
        assertThat(estimate.get("vision_tokens").asInt()).isEqualTo(result.get("vision").get(0).get("tokens").asInt());
        assertThat(plan.get("media").get(0).get("grid_thw")).isEqualTo(result.get("vision").get(0).get("grid_thw"));
    }

    @Test
    void qwen25Vl(@TempDir Path dir) throws IOException {
        assertDryRunCountsWhatTheRunUses(TinyModel.dir(), TinyModel.dir().resolve("inputs/b_image.png").toString(), dir);
    }

    @Test
    void qwen3Vl(@TempDir Path dir) throws IOException {
        assertDryRunCountsWhatTheRunUses(Qwen3Fixture.dir(), Qwen3Fixture.dir().resolve("inputs/b_image.png").toString(),
                dir);
    }

    @Test
    void textForPeopleByDefault(@TempDir Path dir) throws IOException {
        AskCommandTest.Run dry = ask("ask", "--dry-run", "--model", withoutWeights(TinyModel.dir(), dir).toString(),
                "--prompt", "Hello", "--device", "cpu");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("not run (--dry-run)", "prompt tokens", "vision tokens  0", "memory",
                "first token    about");
    }

    @Test
    void aDryRunRecordsNothingAndAsksNoServer() {
        AskCommandTest.Run withSession = ask("ask", "--dry-run", "--model", TinyModel.dir().toString(), "--prompt", "Hi",
                "--session", "x.framewise");
        assertThat(withSession.exitCode()).isEqualTo(2);
        assertThat(withSession.err()).contains("--dry-run runs nothing").doesNotContain("Exception");
        AskCommandTest.Run remote = ask("ask", "--dry-run", "--model", "http://127.0.0.1:9/v1", "--remote-model", "m",
                "--prompt", "Hi");
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.err()).contains("a server's costs are not known here");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
