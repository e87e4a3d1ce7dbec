package dev.framewise.sessions.cli;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.media.MediaItems;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new SessionsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path saved(Session session) {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = store.fileFor(session);
        store.save(file, session);
        return file;
    }

    private Path damaged() throws IOException {
        return Files.writeString(dir.resolve("damaged.framewise"), "{\"schema_version\":2,\"id\":\"d\",\"runs\":[");
    }

    private String[] filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void listShowsEachSessionAndFlagsDamagedOnes() throws IOException {
        saved(TestSessions.full());
        damaged();
        assertThat(run("list", "--dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("Kitchen <clips> & co (session-1.framewise)")
                .containsPattern("2026-03-04T06:06:07.123456789Z\\s+2026-03-04T05:06:07.123456789Z\\s+2\\s+2")
                .contains("UNREADABLE damaged.framewise");
    }

    @Test
    void exportWritesEachFormat() throws IOException {
        Path file = saved(TestSessions.full());
        Path md = dir.resolve("out.md");
        Path html = dir.resolve("out.html");
        assertThat(run("export", file.toString(), "--format", "md", "-o", md.toString())).isZero();
        assertThat(Files.readString(md)).contains("### Answer\n\nYes, the cup is upright.");
        assertThat(run("export", file.toString(), "--format", "html", "-o", html.toString())).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("The spoon moved first.");
        assertThat(out.toString()).contains("Exported 2 runs to " + html);
        out.getBuffer().setLength(0);
        assertThat(run("export", file.toString(), "--format", "jsonl")).isZero();
        assertThat(out.toString().split("\n")).hasSize(2).allMatch(line -> line.startsWith("{\"session_id\":\"session-1\""));
    }

    @Test
    void aDamagedFileStopsEveryCommandWithOneLineAndIsLeftUntouched() throws IOException {
        Path file = damaged();
        byte[] before = Files.readAllBytes(file);
        String[] filesBefore = filesInDir();

        for (String[] args : new String[][] {
                {"export", file.toString(), "--format", "md"},
                {"relink", file.toString(), "--search", dir.toString()}}) {
            err.getBuffer().setLength(0);
            assertThat(run(args)).isEqualTo(1);
            assertThat(err.toString()).startsWith("framewise: Session file " + file + " is damaged")
                    .hasLineCount(1);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(filesInDir()).isEqualTo(filesBefore);
    }

    @Test
    void aNewerFileIsRefusedPlainly() throws IOException {
        Path file = Files.writeString(dir.resolve("new.framewise"), "{\"schema_version\":9,\"id\":\"n\"}");
        assertThat(run("export", file.toString(), "--format", "jsonl")).isEqualTo(1);
        assertThat(err.toString()).contains("newer Framewise (session schema 9").hasLineCount(1);
    }

    @Test
    void exportRefusesToOverwriteTheSessionItself() {
        Path file = saved(TestSessions.full());
        assertThat(run("export", file.toString(), "--format", "md", "-o", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("must not be the session file itself");
    }

    @Test
    void relinkUpdatesMovedMediaAndReportsMissingOnes() throws IOException {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[] {1, 2, 3});
        Path gone = Files.write(dir.resolve("gone.mp4"), new byte[] {4, 5, 6, 7});
        Session session = Session.create("relink", Instant.EPOCH)
                .withMediaItem(MediaItems.of(clip, null)).withMediaItem(MediaItems.of(gone, null));
        Path file = saved(session);
        Path moved = Files.createDirectories(dir.resolve("moved/deeper"));
        Files.move(clip, moved.resolve("clip.mp4"));

        Files.move(gone, dir.resolve("gone.tmp"));
        assertThat(run("relink", file.toString(), "--search", dir.resolve("moved").toString())).isEqualTo(3);
        assertThat(out.toString()).contains("found   " + clip.toAbsolutePath() + " -> " + moved.resolve("clip.mp4"))
                .contains("missing " + gone.toAbsolutePath());
        assertThat(new FileSessionStore(dir).load(file).media().get(0).path())
                .isEqualTo(moved.resolve("clip.mp4").toAbsolutePath().toString());
        assertThat(dir.resolve(file.getFileName() + ".bak")).exists();

        Files.move(dir.resolve("gone.tmp"), moved.resolve("gone.mp4"));
        out.getBuffer().setLength(0);
        assertThat(run("relink", file.toString(), "--search", dir.resolve("moved").toString())).isZero();
        assertThat(out.toString()).doesNotContain("missing");
    }

    @Test
    void importAddsExportedRunsToANewSessionOnce() throws IOException {
        Path file = saved(TestSessions.full());
        Path jsonl = dir.resolve("runs.jsonl");
        assertThat(run("export", file.toString(), "--format", "jsonl", "--tokens", "-o", jsonl.toString())).isZero();
        Path target = dir.resolve("curated.framewise");

        assertThat(run("import", target.toString(), "--from", jsonl.toString())).isZero();
        assertThat(run("import", target.toString(), "--from", jsonl.toString())).isZero();

        assertThat(out.toString()).contains("Imported 2 runs into " + target).contains("skipped 2 already there");
        Session imported = new FileSessionStore(dir).load(target);
        assertThat(imported.title()).isEqualTo("curated");
        assertThat(imported.runs()).isEqualTo(TestSessions.full().runs());
    }

    @Test
    void searchPrintsMatchingRuns() {
        saved(TestSessions.full());
        assertThat(run("search", "spoon", "--dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("run run-2  answer: The spoon moved first.");
    }

    @Test
    void benchPrintsItsFigures() {
        assertThat(run("bench", "--runs", "3", "--tokens", "4", "--rounds", "1", "--warmup", "0", "--dir", dir.toString()))
                .isZero();
        assertThat(out.toString()).contains("3 runs x 4 tokens x 5 alternatives").contains("save (atomic")
                .contains("load (parse").contains("file size:");
    }
}
