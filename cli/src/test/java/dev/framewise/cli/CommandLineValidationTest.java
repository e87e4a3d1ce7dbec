package dev.framewise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Values that used to end in a stack trace: each is one line naming the option, exit code 1, nothing started. */
@Timeout(60)
class CommandLineValidationTest {

    private static void assertOneLine(AskCommandTest.Run run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("framewise: ").contains(expected).doesNotContain("\n", "\tat ", "Exception");
    }

    @Test
    void serveRefusesBadLimitsBeforeLoadingTheModel(@TempDir Path dir) {
        String model = dir.resolve("not-even-there").toString();
        assertOneLine(AskCommandTest.ask("serve", "--model", model, "--api-key", ""), "--api-key is empty");
        assertOneLine(AskCommandTest.ask("serve", "--model", model, "--port", "99999"), "--port must be 0..65535");
        assertOneLine(AskCommandTest.ask("serve", "--model", model, "--max-concurrency", "0"), "--max-concurrency must be at least 1");
        assertOneLine(AskCommandTest.ask("serve", "--model", model, "--max-request-mb", "0"), "--max-request-mb must be 1..2047");
        assertOneLine(AskCommandTest.ask("serve", "--model", model, "--max-request-mb", "99999999999"), "--max-request-mb must be 1..2047");
        assertOneLine(AskCommandTest.ask("serve", "--model", model, "--allowed-origins", "http://a.example/path"), "--allowed-origins takes origins");
    }

    @Test
    void aDeeplyNestedMessagesFileIsInvalidJsonNotANullPointer(@TempDir Path dir) throws Exception {
        Path messages = Files.writeString(dir.resolve("deep.json"), "[".repeat(5000) + "]".repeat(5000));
        assertOneLine(AskCommandTest.ask("ask", "--model", dev.framewise.engine.model.TinyModel.dir().toString(),
                        "--messages", messages.toString(), "--dtype", "fp32", "--device", "cpu"),
                "is not valid JSON");
    }
}
