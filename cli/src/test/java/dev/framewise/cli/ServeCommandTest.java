package dev.framewise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The serve and remote-ask command lines fail with one clear line, before anything listens or connects. */
@Timeout(60)
class ServeCommandTest {

    @Test
    void aMissingModelFolderIsOneLine(@TempDir Path dir) {
        AskCommandTest.Run run = AskCommandTest.ask("serve", "--model", dir.resolve("nothing").toString(), "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("framewise: ").contains("nothing is not a model folder").doesNotContain("\n");
    }

    @Test
    void aMissingMediaRootIsOneLine(@TempDir Path dir) {
        AskCommandTest.Run run = AskCommandTest.ask("serve", "--model", dir.toString(), "--allow-media-root",
                dir.resolve("absent").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("framewise: --allow-media-root " + dir.resolve("absent") + " is not a folder");
    }

    @Test
    void aServerUrlNeedsTheRemoteModelsName() {
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", "http://127.0.0.1:9/v1", "--prompt", "hi");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("framewise: --model http://127.0.0.1:9/v1 is a server: name its model with"
                + " --remote-model NAME (GET http://127.0.0.1:9/v1/models lists them)");
    }

    @Test
    void servingAServerUrlNeedsTheRemoteModelsNameToo() {
        AskCommandTest.Run run = AskCommandTest.ask("serve", "--model", "http://127.0.0.1:9/v1", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("framewise: --model http://127.0.0.1:9/v1 is a server: name its model with"
                + " --remote-model NAME (GET http://127.0.0.1:9/v1/models lists them)");
    }

    @Test
    void anUnknownDtypeIsAUsageErrorNamingTheChoices() {
        AskCommandTest.Run run = AskCommandTest.ask("bench", "decode", "--synthetic", "qwen2.5-0.5b", "--dtype", "fp8");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .isEqualTo("framewise: Invalid value for option '--dtype': dtype must be fp32, bf16, int8 or int4, not 'fp8'");
    }

    @Test
    void anUnknownVideoModeIsOneLine() {
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", "http://127.0.0.1:9/v1", "--remote-model", "m",
                "--video-mode", "carrier-pigeon", "--prompt", "hi");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("framewise: --video-mode must be auto, data-url, file-url or frames, not 'carrier-pigeon'");
    }

    @Test
    void aRefusedConnectionIsOneLine() {
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", "http://127.0.0.1:9/v1", "--remote-model", "m", "--prompt", "hi");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("framewise: could not connect to http://127.0.0.1:9/v1/chat/completions")
                .doesNotContain("\n");
    }
}
