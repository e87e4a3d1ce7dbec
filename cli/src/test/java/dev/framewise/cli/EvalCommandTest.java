package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.batch.ResultLog;
import dev.framewise.engine.eval.MiniBenchmark;
import dev.framewise.engine.family.qwen3vl.Qwen3Fixture;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.framewise.cli.AskCommandTest.ask;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise eval} with the tiny random model: accuracy means nothing, the protocol runs end to end. */
class EvalCommandTest {

    @Test
    void tinyModelThroughTheWholeProtocol(@TempDir Path dir) throws Exception {
        Path bench = MiniBenchmark.write(dir.resolve("bench"));
        Path out = dir.resolve("out");
        String[] args = {"eval", bench.toString(), "--model", TinyModel.dir().toString(), "--datasets", "av,holoassist",
                "--device", "cpu", "--max-tokens", "3", "--max-retries", "1", "-o", out.toString()};

        AskCommandTest.Run run = ask(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("5 questions in av, holoassist · reasoning mode · answers in <answer>",
                "framewise: holoassist: no questions for clip h3.mp4", "framewise: holoassist/h2#0: ");
        assertThat(run.out()).startsWith("data set       correct  total  accuracy\n").contains("micro average", "macro average");
        List<ObjectNode> lines = ResultLog.readLines(out.resolve("answers.jsonl"));
        assertThat(lines).hasSize(5);
        for (ObjectNode line : lines) {
            if (line.get("question_id").asText().equals("holoassist/h2#0")) {
                assertThat(line.get("status").asText()).isEqualTo("failed");
                continue;
            }
            assertThat(line.get("status").asText()).isEqualTo("ok");
            assertThat(line.get("attempts").asInt()).isBetween(1, 2);
            assertThat(line.get("full_response").asText()).isNotNull();
            assertThat(line.get("frames").size()).isPositive();
            assertThat(line.get("timings").get("generated_tokens").asInt()).isBetween(1, 3 + 256);
            assertThat(line.get("prompt").asText()).endsWith("<answer> your single letter answer </answer>.");
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("micro").get("total").asInt()).isEqualTo(4);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg");

        AskCommandTest.Run again = ask(args);
        assertThat(again.err()).contains("5 rows: 0 done, 5 skipped");
        assertThat(again.out()).isEqualTo(run.out());
    }

    @Test
    void aQwen3VlModelIsReadAfterThink(@TempDir Path dir) throws Exception {
        Path bench = MiniBenchmark.write(dir.resolve("bench"));
        AskCommandTest.Run run = ask("eval", bench.toString(), "--model", Qwen3Fixture.dir().toString(), "--datasets", "av",
                "--device", "cpu", "--max-tokens", "3", "--max-retries", "0", "--mode", "reasoning", "-o", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("3 questions in av · reasoning mode · answers after </think>", "3 rows: 3 done");
        assertThat(ResultLog.readLines(dir.resolve("out/answers.jsonl"))).extracting(l -> l.get("attempts").asInt())
                .containsExactly(1, 1, 1);
    }

    @Test
    void compareAndUsageErrors(@TempDir Path dir) throws Exception {
        AskCommandTest.Run noDir = ask("eval", "--model", "x");
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).startsWith("framewise: give the benchmark folder DIR");
        AskCommandTest.Run badMode = ask("eval", dir.toString(), "--model", "x", "--mode", "guess");
        assertThat(badMode.err()).startsWith("framewise: --mode must be reasoning or letter, not 'guess'");
        AskCommandTest.Run missing = ask("eval", "compare", dir.resolve("a.jsonl").toString(), dir.resolve("b.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("framewise: " + dir.resolve("a.jsonl") + " not found; give two answers.jsonl files of framewise eval");
        AskCommandTest.Run noSet = ask("eval", dir.toString(), "--model", TinyModel.dir().toString(), "--device", "cpu");
        assertThat(noSet.exitCode()).isEqualTo(1);
        assertThat(noSet.err()).contains("holds no data set");
    }
}
