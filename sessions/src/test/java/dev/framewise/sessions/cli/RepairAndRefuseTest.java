package dev.framewise.sessions.cli;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sessions repair} restores from the backup (the cli module's AskSessionRefusalTest covers ask --session). */
class RepairAndRefuseTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sessions(String... args) {
        CommandLine cli = new CommandLine(new SessionsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void repairRestoresTheBackupAndKeepsTheDamagedFile() throws Exception {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("kitchen.framewise");
        Session first = TestSessions.full();
        store.save(file, first);
        store.save(file, first.withTitle("second save"));
        Files.writeString(file, "{\"schema_version\":2,\"id\":\"x\",\"runs\":[");

        assertThat(sessions("repair", file.toString())).as(err.toString()).isZero();

        Session restored = store.load(file);
        assertThat(restored.title()).isEqualTo(first.title());
        assertThat(restored.runs()).hasSameSizeAs(first.runs());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("kitchen.framewise.corrupt-"));
        }
        assertThat(out.toString()).contains("Restored");
    }

    @Test
    void repairWithoutABackupSaysSoAndExits1() throws Exception {
        Path file = Files.writeString(dir.resolve("lone.framewise"), "{broken");
        assertThat(sessions("repair", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no backup lone.framewise.bak").doesNotContain("Exception");
    }

    @Test
    void repairOfAReadableFileChangesNothing() throws Exception {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("fine.framewise");
        store.save(file, TestSessions.full());
        byte[] before = Files.readAllBytes(file);
        assertThat(sessions("repair", file.toString())).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(out.toString()).contains("nothing to repair");
    }
}
