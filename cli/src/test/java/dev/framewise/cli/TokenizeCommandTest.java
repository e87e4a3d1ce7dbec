package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizeCommandTest {

    private static Path modelDir() throws URISyntaxException {
        return Path.of(TokenizeCommandTest.class.getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
    }

    /** Runs the CLI and returns {exit code, stdout, stderr}. */
    private static Object[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = FramewiseCli.run(args);
            return new Object[] {code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void tableListsIdsPiecesAndCount() throws Exception {
        Object[] r = run("tokenize", "--model", modelDir().toString(), "Hello world 中");
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[1]).contains("     0      39  \"H\"", "     3    1879  \" world\"", "     4     220  \" \"", "<0xE4>", "8 tokens");
    }

    @Test
    void chatJsonMatchesTheFixturePrompt() throws Exception {
        JsonNode a = new ObjectMapper().readTree(modelDir().resolve("cases.json").toFile()).get("cases").get(0);
        String question = a.get("messages").get(0).get("content").asText();
        Object[] r = run("tokenize", "--model", modelDir().toString(), "--chat", "--json", question);
        assertThat(r[0]).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree((String) r[1]);
        assertThat(json.get("text").asText()).isEqualTo(a.get("prompt_text").asText());
        assertThat(json.get("ids")).isEqualTo(a.get("input_ids"));
        assertThat(json.get("count").asInt()).isEqualTo(64);
        assertThat(json.get("tokens").get(0).get("token").asText()).isEqualTo("<|im_start|>");
        assertThat(json.get("tokens").get(0).get("special").asBoolean()).isTrue();
    }

    @Test
    void missingModelFolderIsOneLineAndExitCodeOne() {
        Object[] r = run("tokenize", "--model", "/nonexistent/model", "hi");
        assertThat(r[0]).isEqualTo(1);
        assertThat(((String) r[2]).strip()).isEqualTo(
                "framewise: model folder /nonexistent/model not found; give --model a folder with tokenizer.json");
    }
}
