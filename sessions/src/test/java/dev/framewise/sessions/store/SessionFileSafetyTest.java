package dev.framewise.sessions.store;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Leftover temp files, saves through symbolic links, private permissions and wrongly typed fields. */
class SessionFileSafetyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    private FileSessionStore store() {
        return new FileSessionStore(dir, AtomicFileWriter.NO_FAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void tempFilesOfKilledSavesAreRemovedWhenTheFolderIsListedButNotYoungOnes() throws Exception {
        Session session = TestSessions.full();
        store().save(dir.resolve("a.framewise"), session);
        Path old = Files.writeString(dir.resolve(".a.framewise.5f3a9c.tmp"), "{\"half\":");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minusSeconds(3600)));
        Path young = Files.writeString(dir.resolve(".a.framewise.77aa01.tmp"), "{\"being written");
        Files.setLastModifiedTime(young, FileTime.from(NOW.minusSeconds(5)));
        Path unrelated = Files.writeString(dir.resolve("notes.tmp"), "mine");
        Files.setLastModifiedTime(unrelated, FileTime.from(NOW.minusSeconds(3600)));

        List<SessionSummary> listed = store().list();

        assertThat(listed).hasSize(1);
        assertThat(old).doesNotExist();
        assertThat(young).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void savingThroughASymbolicLinkWritesTheTargetAndKeepsTheLink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = real.resolve("kitchen.framewise");
        Session first = TestSessions.full();
        store().save(target, first);
        Path link = Files.createSymbolicLink(dir.resolve("kitchen.framewise"), target);

        Session renamed = first.withTitle("renamed through the link");
        store().save(link, renamed);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(store().load(target).title()).isEqualTo("renamed through the link");
        assertThat(real.resolve("kitchen.framewise.bak")).exists();
    }

    @Test
    void newSessionFilesAndFoldersAreTheUsersOnly() throws Exception {
        Path file = dir.resolve("new").resolve("deeper").resolve("s.framewise");
        store().save(file, TestSessions.full());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new")))).isEqualTo("rwx------");
        // a file the user opened up keeps its permissions when saved again
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        store().save(file, TestSessions.full());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aRunsFieldOfTheWrongTypeListsAsUnreadable() throws Exception {
        Files.writeString(dir.resolve("typed.framewise"), "{\"schema_version\":" + Session.CURRENT_SCHEMA_VERSION
                + ",\"id\":\"t\",\"title\":\"t\",\"created\":\"2026-01-01T00:00:00Z\",\"modified\":\"2026-01-01T00:00:00Z\","
                + "\"media\":[],\"runs\":\"not a list\"}");
        SessionSummary summary = store().list().get(0);
        assertThat(summary.problem()).contains("'runs' is not a list");
    }
}
