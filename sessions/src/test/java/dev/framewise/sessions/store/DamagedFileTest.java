package dev.framewise.sessions.store;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DamagedFileTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T21:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final Session first = TestSessions.full();
    private final Session second = TestSessions.full().withTitle("second");

    /** A file saved twice (so a backup exists), then cut in half as a crash of a non-atomic writer would. */
    private Path truncatedFileWithBackup() throws IOException {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("s.framewise");
        store.save(file, first);
        store.save(file, second);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }

    @Test
    void loadReportsTruncationAndLeavesTheFileAlone() throws IOException {
        Path file = truncatedFileWithBackup();
        byte[] damaged = Files.readAllBytes(file);

        assertThatThrownBy(() -> new FileSessionStore(dir).load(file))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("s.framewise is damaged")
                .hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((SessionException) e).problem()).isEqualTo(SessionException.Problem.DAMAGED));
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @Test
    void openSetsTheDamagedFileAsideAndOffersTheBackup() throws IOException {
        Path file = truncatedFileWithBackup();
        byte[] damaged = Files.readAllBytes(file);
        FileSessionStore store = new FileSessionStore(dir, AtomicFileWriter.NO_FAULT, CLOCK);

        LoadOutcome outcome = store.open(file);

        assertThat(outcome).isInstanceOf(LoadOutcome.Damaged.class);
        LoadOutcome.Damaged d = (LoadOutcome.Damaged) outcome;
        assertThat(d.setAsideAs().getFileName().toString()).isEqualTo("s.framewise.corrupt-20261125T213000Z");
        assertThat(Files.readAllBytes(d.setAsideAs())).isEqualTo(damaged);
        assertThat(file).doesNotExist();
        assertThat(d.backup()).contains(dir.resolve("s.framewise.bak"));
        assertThat(d.explanation()).contains("damaged").contains("set aside").contains("can be restored");

        assertThat(store.restoreBackup(file)).isEqualTo(first);
        assertThat(store.load(file)).isEqualTo(first);
        assertThat(Files.readAllBytes(d.setAsideAs())).isEqualTo(damaged); // never overwritten
    }

    @Test
    void aSecondDamagedFileIsSetAsideUnderAFreeName() throws IOException {
        FileSessionStore store = new FileSessionStore(dir, AtomicFileWriter.NO_FAULT, CLOCK);
        Path file = dir.resolve("s.framewise");
        Files.writeString(file, "{\"schema_version\":2,\"id\":");
        Path firstAside = ((LoadOutcome.Damaged) store.open(file)).setAsideAs();
        Files.writeString(file, "not json at all");
        LoadOutcome.Damaged again = (LoadOutcome.Damaged) store.open(file);

        assertThat(again.setAsideAs().getFileName().toString()).isEqualTo("s.framewise.corrupt-20261125T213000Z-1");
        assertThat(Files.readString(firstAside)).isEqualTo("{\"schema_version\":2,\"id\":");
        assertThat(again.backup()).isEmpty();
        assertThat(again.explanation()).contains("no earlier version");
    }

    @Test
    void filesThatAreNotSessionsAreReportedPlainly() throws IOException {
        Path file = dir.resolve("x.framewise");
        FileSessionStore store = new FileSessionStore(dir);
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> store.load(file)).hasMessageContaining("does not hold a JSON object");
        Files.writeString(file, "{\"title\": \"no version\"}");
        assertThatThrownBy(() -> store.load(file)).hasMessageContaining("no schema_version");
        Files.writeString(file, "{\"schema_version\": 2, \"id\": \"x\"}");
        assertThatThrownBy(() -> store.load(file)).hasMessageContaining("damaged");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> store.load(file)).isInstanceOf(SessionException.class).hasMessageContaining("damaged");
        Files.write(file, "{\"schema_version\":2}garbage".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.load(file)).isInstanceOf(SessionException.class);
        assertThatThrownBy(() -> store.load(dir.resolve("missing.framewise")))
                .isInstanceOf(SessionException.class).hasMessageContaining("does not exist");
    }
}
