package dev.framewise.sessions.store;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicSaveTest {

    @TempDir
    Path dir;

    @Test
    void crashBetweenTempWriteAndRenameLeavesOldFileIntact() throws IOException {
        Session old = TestSessions.full();
        Path file = dir.resolve("s.framewise");
        new FileSessionStore(dir).save(file, old);
        byte[] oldBytes = Files.readAllBytes(file);
        Path[] tempSeen = new Path[1];
        FileSessionStore crashing = new FileSessionStore(dir, temp -> {
            tempSeen[0] = temp;
            assertThat(temp.getParent()).isEqualTo(dir); // same folder, so the rename is atomic
            assertThat(Files.size(temp)).isGreaterThan(100); // the new content was complete when it "crashed"
            throw new IOException("simulated power loss");
        }, Clock.systemUTC());

        Session changed = old.withTitle("changed");
        assertThatThrownBy(() -> crashing.save(file, changed))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("simulated power loss")
                .hasMessageContaining("previous version is unchanged")
                .satisfies(e -> assertThat(((SessionException) e).problem()).isEqualTo(SessionException.Problem.IO));

        assertThat(Files.readAllBytes(file)).isEqualTo(oldBytes);
        assertThat(new FileSessionStore(dir).load(file)).isEqualTo(old);
        assertThat(tempSeen[0]).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("s.framewise");
        }
    }

    @Test
    void eachSaveKeepsThePreviousVersionAsBackup() {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("s.framewise");
        Session first = TestSessions.full();
        Session second = first.withTitle("second");
        Session third = first.withTitle("third");

        store.save(file, first);
        assertThat(AtomicFileWriter.backupOf(file)).doesNotExist();
        store.save(file, second);
        assertThat(store.load(AtomicFileWriter.backupOf(file))).isEqualTo(first);
        store.save(file, third);
        assertThat(store.load(file)).isEqualTo(third);
        assertThat(store.load(AtomicFileWriter.backupOf(file))).isEqualTo(second);
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("s.framewise");
        store.save(file, TestSessions.full());
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, shared);
        store.save(file, TestSessions.full().withTitle("again"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(shared);
    }

    @Test
    void saveCreatesMissingFolders() {
        Path file = dir.resolve("a/b/s.framewise");
        new FileSessionStore(dir).save(file, TestSessions.full());
        assertThat(new FileSessionStore(dir).load(file)).isEqualTo(TestSessions.full());
    }
}
