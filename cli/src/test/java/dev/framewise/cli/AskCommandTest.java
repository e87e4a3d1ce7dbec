package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.model.GoldenCase;
import dev.framewise.engine.model.TestDevice;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise ask} on the tiny fixture, the way users run it. */
class AskCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run ask(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = FramewiseCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path messagesFile(Path dir, GoldenCase c) throws IOException {
        Path file = dir.resolve("messages.json");
        Files.writeString(file, c.messages().toString());
        return file;
    }

    @Test
    void greedyJsonMatchesTheGoldenCaseInFp32(@TempDir Path dir) throws IOException {
        GoldenCase a = GoldenCase.named("a_text");
        Run run = ask("ask", "--model", TinyModel.dir().toString(), "--messages", messagesFile(dir, a).toString(),
                "--temperature", "0", "--repetition-penalty", "1", "--max-tokens", "16", "--ignore-eos",
                "--dtype", "fp32", "--device", TestDevice.name(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(ints(json.get("prompt_token_ids"))).containsExactly(a.inputIds());
        assertThat(StreamSupport.stream(json.get("tokens").spliterator(), false).mapToInt(t -> t.get("id").asInt())
                .toArray()).containsExactly(a.greedyTokens());
        JsonNode first = json.get("tokens").get(0);
        assertThat(first.get("top").get(0).get("id").asInt()).isEqualTo(a.greedyTokens()[0]);
        assertThat(first.get("top")).hasSize(5);
        assertThat(first.get("logprob").asDouble()).isEqualTo(first.get("top").get(0).get("logprob").asDouble())
                .isNegative();
        assertThat(json.get("text").asText()).isEqualTo(a.json().get("greedy").get("text").asText());
        assertThat(json.get("finish_reason").asText()).isEqualTo("length");
        assertThat(json.get("answer").asText()).isEqualTo(json.get("text").asText().strip());
        assertThat(json.get("timings").get("prompt_tokens").asInt()).isEqualTo(a.inputIds().length);
        assertThat(json.has("reasoning") && json.has("frames") && json.has("model")).isTrue();
    }

    @Test
    void greedyTokensAlsoMatchInBf16(@TempDir Path dir) throws IOException {
        GoldenCase a = GoldenCase.named("a_text");
        Run run = ask("ask", "--model", TinyModel.dir().toString(), "--messages", messagesFile(dir, a).toString(),
                "--temperature", "0", "--repetition-penalty", "1", "--max-tokens", "16", "--ignore-eos",
                "--dtype", "bf16", "--device", TestDevice.name(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(StreamSupport.stream(json.get("tokens").spliterator(), false).mapToInt(t -> t.get("id").asInt())
                .toArray()).containsExactly(a.greedyTokens());
    }

    @Test
    void streamsTextWithTheCosmosPrompt() {
        Run run = ask("ask", "--model", TinyModel.dir().toString(), "--prompt", "Is the cup safe to grasp?",
                "--max-tokens", "5", "--seed", "3", "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("── answer ──");
        assertThat(run.err()).contains("prompt tokens").contains("5 generated");
    }

    @Test
    void badModelFolderIsOneLineAndNonZero(@TempDir Path dir) {
        Run run = ask("ask", "--model", dir.resolve("nope").toString(), "--prompt", "hi");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("framewise: ").contains("nope is not a model folder").doesNotContain("\n");
    }

    @Test
    void invalidSamplingIsAUsageError() {
        Run run = ask("ask", "--model", TinyModel.dir().toString(), "--prompt", "hi", "--top-p", "2");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("top-p must be in (0, 1]");
    }

    @Test
    void terminalStreamSeparatesReasoningFromAnswerAcrossSplitTags() {
        java.io.StringWriter text = new java.io.StringWriter();
        AskCommand.TerminalStream stream = new AskCommand.TerminalStream(new java.io.PrintWriter(text));
        String[] pieces = {"<th", "ink>The cup", " is still.</thi", "nk>\n<answer>", "Yes", ".</answer>"};
        for (int i = 0; i < pieces.length; i++) {
            stream.onToken(new dev.framewise.engine.api.TokenEvent(i, i, pieces[i], 0, java.util.List.of()));
        }
        stream.finish();
        assertThat(text.toString()).isEqualTo("── reasoning ──\nThe cup is still.\n── answer ──\nYes.\n");
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }
}
