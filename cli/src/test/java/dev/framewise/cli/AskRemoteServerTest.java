package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.GoldenCase;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import dev.framewise.engine.serve.OpenAiServer;
import dev.framewise.engine.serve.ServeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise ask --model URL} against framewise serve on the tiny fixture prints what the engine gives. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AskRemoteServerTest {
    private static final int MAX_TOKENS = 16;
    private static final String MODEL_ID = "qwen25vl-tiny";
    private final GoldenCase golden = GoldenCase.named("a_text");
    private EmbeddedBackend embedded;
    private OpenAiServer server;
    private GenerationResult direct;

    @BeforeAll
    void serveTheTinyModel() {
        embedded = EmbeddedBackend.open(TinyModel.dir(), new EmbeddedOptions(Precision.FP32, "cpu"));
        server = OpenAiServer.start(embedded, ServeOptions.defaults(MODEL_ID).withPort(0));
        String question = golden.messages().get(0).get("content").asText();
        direct = embedded.generate(new GenerationRequest(List.of(ChatMessage.user(question)),
                new GenerationParams(MAX_TOKENS, 0, 1, 0, 1, 0L, List.of(), true, 5, false)),
                GenerationListener.NONE, new CancellationToken());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (embedded != null) embedded.close();
    }

    @Test
    void askWithAServerUrlPrintsTheSameJson(@TempDir Path dir) throws Exception {
        Path messages = Files.writeString(dir.resolve("messages.json"), golden.messages().toString());
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = FramewiseCli.run("ask", "--model", server.baseUri().toString(), "--remote-model", MODEL_ID,
                    "--messages", messages.toString(), "--temperature", "0", "--repetition-penalty", "1",
                    "--max-tokens", String.valueOf(MAX_TOKENS), "--ignore-eos", "--seed", "0", "--token-ids", "--json");
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.path("text").asText()).isEqualTo(direct.text());
        assertThat(json.path("answer").asText()).isEqualTo(direct.answer());
        assertThat(json.path("finish_reason").asText()).isEqualTo("length");
        assertThat(json.path("tokens")).hasSize(MAX_TOKENS);
        assertThat(json.at("/tokens/0/top/0/id").asInt()).isEqualTo(golden.greedyTokens()[0]);
        for (int i = 0; i < MAX_TOKENS; i++) {
            assertThat(json.at("/tokens/" + i + "/id").asInt()).isEqualTo(golden.greedyTokens()[i]);
        }
        assertThat(json.at("/timings/prompt_tokens").asInt()).isEqualTo(golden.inputIds().length);
        assertThat(json.path("model").asText()).isEqualTo(MODEL_ID);
    }
}
