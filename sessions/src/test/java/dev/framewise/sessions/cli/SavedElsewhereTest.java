package dev.framewise.sessions.cli;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.store.FileSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A session saved outside the sessions folder (the workbench's Save as…) is still listed while it exists. */
class SavedElsewhereTest {
    @TempDir
    Path dir;

    private String list(Path folder) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SessionsCommand());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("list", "--dir", folder.toString())).isZero();
        return out.toString();
    }

    @Test
    void sessionsSavedAsElsewhereAreListedWithTheirPathUntilTheyAreGone() throws Exception {
        Path folder = dir.resolve("sessions");
        FileSessionStore store = new FileSessionStore(folder);
        Path elsewhere = Files.createDirectories(dir.resolve("projects")).resolve("kitchen.framewise");
        store.save(elsewhere, TestSessions.full());
        store.save(elsewhere, TestSessions.full()); // autosaves do not list it twice
        store.save(store.fileFor(TestSessions.full()), TestSessions.full());

        String listed = list(folder);
        assertThat(listed).contains("(" + elsewhere + ")").contains("(session-1.framewise)");
        assertThat(listed.lines().filter(l -> l.contains(elsewhere.toString())).count()).isEqualTo(1);

        Files.delete(elsewhere);
        assertThat(list(folder)).doesNotContain(elsewhere.toString()).contains("(session-1.framewise)");
    }
}
