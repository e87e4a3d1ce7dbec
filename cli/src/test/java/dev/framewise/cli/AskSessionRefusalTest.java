package dev.framewise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ask --session} refuses a damaged session file before any work, and leaves it as it was. */
class AskSessionRefusalTest {
    @TempDir
    Path dir;

    @Test
    void askRefusesADamagedSessionBeforeLookingForTheModel() throws Exception {
        Path file = Files.writeString(dir.resolve("damaged.framewise"), "{\"schema_version\":2,\"id\":\"d\",\"runs\":[");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = FramewiseCli.run("ask", "--model", dir.resolve("no-such-model").toString(), "--prompt", "hi",
                    "--session", file.toString());
        } finally {
            System.setErr(oldErr);
        }
        String message = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(message).startsWith("framewise: Session file ").contains("is damaged").doesNotContain("no-such-model");
        assertThat(Files.readString(file)).isEqualTo("{\"schema_version\":2,\"id\":\"d\",\"runs\":[");
    }
}
