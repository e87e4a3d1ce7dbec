package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.batch.BatchListener;
import dev.framewise.engine.batch.ModelIdentity;
import dev.framewise.engine.batch.ResultLog;
import dev.framewise.engine.batch.ScriptedBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise eval}'s protocol, scores and reports on a generated mini-benchmark with known responses. */
class EvaluationTest {
    private static final ModelIdentity MODEL = ModelIdentity.remote("http://localhost:1/v1", "scripted-reason1");
    @TempDir
    static Path benchmarkDir;
    private static BenchmarkFolder.Contents contents;

    @BeforeAll
    static void makeBenchmark() throws Exception {
        contents = BenchmarkFolder.read(MiniBenchmark.write(benchmarkDir), List.of());
    }

    private static String questionTag(GenerationRequest r) {
        return ScriptedBackend.userText(r).split(" ", 2)[0];
    }

    /** The responses of the known answers described in the test: 5 right of 8 scored, one clip broken. */
    static String reason1(GenerationRequest r) {
        return switch (questionTag(r)) {
            case "av-1" -> "<think>The road ahead is empty.</think> <answer>A</answer>";
            case "av-2" -> "<think>A car is coming.</think> <answer>C</answer>";
            case "av-3" -> r.params().temperature() == 0.6 ? "<think>Drops on the windshield, or" : "<think>Dry.</think>\n<answer>B</answer>";
            case "robo-1" -> "<answer>A</answer>";
            case "robo-2" -> "<think>lower case is no letter</think><answer>b</answer>";
            case "robo-3" -> "<think>not yet</think><answer>B</answer>";
            case "robo-4" -> "<think>nothing moved</think><answer>\n(D) none\n</answer>";
            case "holo-1" -> "<think>still working</think><answer>B</answer>";
            default -> throw new AssertionError("unexpected question " + ScriptedBackend.userText(r));
        };
    }

    private static Evaluation.Outcome evaluate(ScriptedBackend backend, EvalMode mode, ModelIdentity model, Path out) {
        return Evaluation.run(contents, EvalProtocol.cosmosDefaults(mode), AnswerStyle.ANSWER_TAG, model, backend, out, 1,
                false, BatchListener.NONE, new CancellationToken());
    }

    @Test
    void readsTheLayoutAsEvaluatePyDoes() {
        assertThat(contents.datasets()).containsExactly("av", "holoassist", "robovqa");
        assertThat(contents.tasks()).extracting(EvalTask::questionId).containsExactly("av/a1#0", "av/a2#0", "av/a3#0",
                "holoassist/h1#0", "holoassist/h2#0", "robovqa/r1#0", "robovqa/r1#1", "robovqa/r2#0", "robovqa/r2#1");
        assertThat(contents.warnings()).containsExactly("holoassist: no questions for clip h3.mp4");
        EvalTask holo = contents.tasks().get(3);
        assertThat(holo.correctAnswer()).isEqualTo("B");
        assertThat(holo.options()).containsExactly(Map.entry("A", "yes"), Map.entry("B", "no"));
        assertThat(holo.video()).isEqualTo(benchmarkDir.resolve("holoassist/clips/h1.mp4"));
    }

    @Test
    void promptAndSamplingAreTheUpstreamOnes() {
        EvalTask task = contents.tasks().get(1);
        EvalProtocol reasoning = EvalProtocol.cosmosDefaults(EvalMode.REASONING);
        List<ChatMessage> messages = reasoning.messages(task);
        assertThat(messages.get(0)).isEqualTo(ChatMessage.system("Answer the questions."));
        assertThat(messages.get(1).content().get(0)).isEqualTo(
                new ContentPart.Video(task.video(), 4.0, null, null, null, null, null, null));
        assertThat(((ContentPart.Text) messages.get(1).content().get(1)).text()).isEqualTo("""
                av-2 What should the car do next?
                (A) Stop
                (B) Turn left
                (C) Go straight
                Answer with the option's letter from the given choices directly.
                Please answer the question in the following format: <think> your reasoning </think> \
                <answer> your single letter answer </answer>.""");
        assertThat(reasoning.params(0)).isEqualTo(new GenerationParams(1024, 0.6, 0.95, 0, 1.0, 1L, List.of(), false, 0, false));
        assertThat(reasoning.params(1)).isEqualTo(new GenerationParams(1280, 0.65, 0.95, 0, 1.0, 1L, List.of(), false, 0, false));
        assertThat(reasoning.params(10)).isEqualTo(new GenerationParams(3584, 0.9, 0.95, 0, 1.0, 1L, List.of(), false, 0, false));

        EvalProtocol letter = EvalProtocol.cosmosDefaults(EvalMode.LETTER);
        assertThat(letter.userText(task)).endsWith("(C) Go straight\nAnswer with the option's letter from the given choices directly.");
        assertThat(letter.params(0)).isEqualTo(new GenerationParams(10, 0.0, 1.0, 1, 1.0, 1L, List.of(), false, 0, false));
        assertThat(letter.params(2)).isEqualTo(new GenerationParams(1536, 0.7, 1.0, 1, 1.0, 1L, List.of(), false, 0, false));
    }

    @Test
    void answersAreParsedAsOutputPyParsesThem() {
        assertThat(AnswerParser.parse("<think> a\nb </think><answer> is it C? </answer>", EvalMode.REASONING, AnswerStyle.ANSWER_TAG))
                .isEqualTo(new AnswerParser.Parsed("C", "a\nb"));
        assertThat(AnswerParser.parse("(B) no <answer>b</answer>", EvalMode.REASONING, AnswerStyle.ANSWER_TAG).answer()).isEmpty();
        assertThat(AnswerParser.parse("The answer is B", EvalMode.LETTER, AnswerStyle.ANSWER_TAG).answer()).isEqualTo("T");
        assertThat(AnswerParser.parse("<think>A or B?</think>\n\nB", EvalMode.REASONING, AnswerStyle.AFTER_THINK))
                .isEqualTo(new AnswerParser.Parsed("B", "A or B?"));
        assertThat(AnswerParser.parse("Still thinking about A", EvalMode.REASONING, AnswerStyle.AFTER_THINK).answer()).isEmpty();
        assertThat(AnswerStyle.forModel("qwen3_vl", "Cosmos-Reason2-2B")).isEqualTo(AnswerStyle.AFTER_THINK);
        assertThat(AnswerStyle.forModel(null, "nvidia/Cosmos-Reason2-8B")).isEqualTo(AnswerStyle.AFTER_THINK);
        assertThat(AnswerStyle.forModel("qwen2_5_vl", "Cosmos-Reason1-7B")).isEqualTo(AnswerStyle.ANSWER_TAG);
        // a local model's family decides, whatever its folder is called
        assertThat(AnswerStyle.forModel("qwen3_vl", "my-finetune")).isEqualTo(AnswerStyle.AFTER_THINK);
        assertThat(AnswerStyle.forModel("qwen2_5_vl", "reason2-copy")).isEqualTo(AnswerStyle.ANSWER_TAG);
    }

    @Test
    void everyMetricOfTheMiniBenchmark(@TempDir Path out) throws IOException {
        ScriptedBackend backend = new ScriptedBackend(EvaluationTest::reason1, 0);

        Evaluation.Outcome outcome = evaluate(backend, EvalMode.REASONING, MODEL, out);

        assertThat(outcome.batch().done()).isEqualTo(8);
        assertThat(outcome.batch().failed()).isEqualTo(1);
        EvalScores s = outcome.scores();
        assertThat(s.datasets()).extracting(EvalScores.DatasetScore::name, EvalScores.DatasetScore::correct,
                EvalScores.DatasetScore::total, EvalScores.DatasetScore::failed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("av", 2, 3, 0), org.assertj.core.groups.Tuple.tuple("holoassist", 1, 1, 1),
                org.assertj.core.groups.Tuple.tuple("robovqa", 2, 4, 0));
        assertThat(s.correct()).isEqualTo(5);
        assertThat(s.total()).isEqualTo(8);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.microAccuracy()).isEqualTo(62.5);
        assertThat(s.macroAccuracy()).isEqualTo((200.0 / 3 + 100 + 50) / 3);
        assertThat(s.datasets().get(0).confusion()).isEqualTo(Map.of("A", Map.of("A", 1), "B", Map.of("B", 1, "C", 1)));
        assertThat(s.datasets().get(2).confusion()).isEqualTo(Map.of("A", Map.of("A", 1, "B", 1), "B", Map.of("", 1), "D", Map.of("D", 1)));
        assertThat(s.datasets().get(2).letters()).containsExactly("A", "B", "D", "");

        // av-3 answered on its first retry; robo-2 never gave a letter: 1 + 10 retries, with upstream's rising sampling
        assertThat(backend.requests).hasSize(20);
        List<GenerationRequest> robo2 = backend.requests.stream().filter(r -> questionTag(r).equals("robo-2")).toList();
        assertThat(robo2).extracting(r -> r.params().maxTokens()).containsExactly(1024, 1280, 1536, 1792, 2048, 2304, 2560,
                2816, 3072, 3328, 3584);
        assertThat(robo2).extracting(r -> r.params().temperature()).containsExactly(0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
                0.9, 0.9, 0.9, 0.9);

        Map<String, ObjectNode> lines = new java.util.HashMap<>();
        for (ObjectNode line : ResultLog.readLines(out.resolve("answers.jsonl"))) lines.put(line.get("question_id").asText(), line);
        assertThat(lines).hasSize(9);
        ObjectNode av3 = lines.get("av/a3#0");
        assertThat(av3.get("answer").asText()).isEqualTo("B");
        assertThat(av3.get("reasoning").asText()).isEqualTo("Dry.");
        assertThat(av3.get("full_response").asText()).isEqualTo("<think>Dry.</think>\n<answer>B</answer>");
        assertThat(av3.get("is_correct").asBoolean()).isTrue();
        assertThat(av3.get("attempts").asInt()).isEqualTo(2);
        ObjectNode robo2Line = lines.get("robovqa/r1#1");
        assertThat(robo2Line.get("answer").asText()).isEmpty();
        assertThat(robo2Line.get("attempts").asInt()).isEqualTo(11);
        assertThat(robo2Line.get("full_response").asText()).isEqualTo("<think>lower case is no letter</think><answer>b</answer>");
        assertThat(lines.get("holoassist/h2#0").get("status").asText()).isEqualTo("failed");
        assertThat(lines.get("holoassist/h2#0").get("error").asText()).isEqualTo("h2.mp4: not a video FFmpeg can decode");

        assertThat(outcome.report().table()).isEqualTo("""
                data set       correct  total  accuracy
                av                   2      3    66.7 %
                holoassist           1      1   100.0 %  (1 failed, not scored)
                robovqa              2      4    50.0 %
                micro average        5      8    62.5 %
                macro average                    72.2 %
                """);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("micro").toString()).isEqualTo("{\"correct\":5,\"total\":8,\"accuracy\":62.5}");
        assertThat(summary.get("macro").get("accuracy").asDouble()).isEqualTo(72.2);
        assertThat(summary.get("datasets").get("av").toString())
                .isEqualTo("{\"correct\":2,\"total\":3,\"failed\":0,\"accuracy\":66.7}");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| av | 2 | 3 | 66.7 % |", "| **micro average** | 5 | 8 | **62.5 %** |",
                "| **macro average** | | | **72.2 %** |", "| | A | B | D | — |", "| **B** | 0 | 0 | 0 | 1 |");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg", "<title>av: 66.7 %</title>", "<title>macro: 72.2 %</title>",
                "<tr class=\"avg\"><td>micro average</td><td>5</td><td>8</td><td>62.5 %</td></tr>").doesNotContain("src=", "href=", "@import");
        String screenshotDir = System.getProperty("framewise.eval.report");
        if (screenshotDir != null) {
            Files.copy(out.resolve("report.html"), Path.of(screenshotDir), StandardCopyOption.REPLACE_EXISTING);
        }

        // a second run resumes: nothing asked again, the same scores
        Evaluation.Outcome again = evaluate(backend, EvalMode.REASONING, MODEL, out);
        assertThat(again.batch().skipped()).isEqualTo(9);
        assertThat(backend.requests).hasSize(20);
        assertThat(again.report().table()).isEqualTo(outcome.report().table());
    }

    @Test
    void letterModeTakesTheFirstCapitalOfTheWholeResponse(@TempDir Path out) {
        Function<GenerationRequest, String> script = r -> switch (questionTag(r)) {
            case "av-1", "robo-1", "robo-3" -> "A";
            case "av-3", "robo-2", "holo-1" -> "(B)";
            default -> "Don't know";
        };
        ScriptedBackend backend = new ScriptedBackend(script, 0);
        EvalScores s = evaluate(backend, EvalMode.LETTER, MODEL, out).scores();
        // right: av-1, av-3, robo-1, robo-2, holo-1; robo-3 (A is right) too; "Don't know" gives D: right for robo-4
        assertThat(s.datasets()).extracting(EvalScores.DatasetScore::correct).containsExactly(2, 1, 4);
        assertThat(s.microAccuracy()).isEqualTo(87.5);
        assertThat(backend.requests.get(0).params()).isEqualTo(EvalProtocol.cosmosDefaults(EvalMode.LETTER).params(0));
    }

    @Test
    void compareListsFlipsAndTheAccuracyDifference(@TempDir Path dir) throws IOException {
        evaluate(new ScriptedBackend(EvaluationTest::reason1, 0), EvalMode.REASONING, MODEL, dir.resolve("a"));
        Function<GenerationRequest, String> better = r -> switch (questionTag(r)) {
            case "av-2" -> "<answer>B</answer>";
            case "av-1" -> "<answer>B</answer>";
            case "robo-2" -> "<answer>B</answer>";
            default -> reason1(r);
        };
        evaluate(new ScriptedBackend(better, 0), EvalMode.REASONING, ModelIdentity.remote("http://localhost:1/v1", "other"),
                dir.resolve("b"));

        EvalComparison c = EvalComparison.of(dir.resolve("a/answers.jsonl"), dir.resolve("b/answers.jsonl"));

        assertThat(c.common()).isEqualTo(8);
        assertThat(c.correctA()).isEqualTo(5);
        assertThat(c.correctB()).isEqualTo(6);
        assertThat(c.flips()).containsExactly(new EvalComparison.Flip("av/a1#0", "A", "A", "B", false),
                new EvalComparison.Flip("av/a2#0", "B", "C", "B", true), new EvalComparison.Flip("robovqa/r1#1", "B", "", "B", true));
        assertThat(c.describe()).isEqualTo("""
                8 questions in both: A 62.5 % (5), B 75.0 % (6), B − A +12.5 points
                3 flips: 2 wrong → right, 1 right → wrong
                  - av/a1#0  correct A · A A · B B
                  + av/a2#0  correct B · A C · B B
                  + robovqa/r1#1  correct B · A — · B B
                """);
    }
}
