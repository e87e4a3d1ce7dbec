package dev.framewise.sessions.store;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutosaverTest {

    @TempDir
    Path dir;

    /** Counts writes and records which thread made them. */
    private static final class RecordingStore implements SessionStore {
        final FileSessionStore delegate;
        final AtomicInteger saves = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        RecordingStore(Path dir) {
            delegate = new FileSessionStore(dir);
        }

        @Override public Path folder() { return delegate.folder(); }
        @Override public Path fileFor(Session s) { return delegate.fileFor(s); }
        @Override public Session load(Path f) { return delegate.load(f); }
        @Override public LoadOutcome open(Path f) { return delegate.open(f); }
        @Override public Session restoreBackup(Path f) { return delegate.restoreBackup(f); }
        @Override public List<SessionSummary> list() { return delegate.list(); }

        @Override
        public void save(Path file, Session session) {
            saves.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            delegate.save(file, session);
        }
    }

    @Test
    void burstsOfEditsCoalesceIntoFewBackgroundWrites() {
        RecordingStore store = new RecordingStore(dir);
        Path file = dir.resolve("s.framewise");
        Session base = TestSessions.full();
        try (Autosaver autosaver = new Autosaver(store, Duration.ofMillis(300), Duration.ofSeconds(30), e -> { })) {
            for (int i = 0; i < 50; i++) autosaver.request(file, base.withTitle("edit " + i));
            assertThat(store.saves.get()).as("request() returns before anything is written").isZero();
        }
        assertThat(store.saves.get()).isEqualTo(1);
        assertThat(store.threads).containsExactly("framewise-autosave");
        assertThat(store.load(file).title()).isEqualTo("edit 49");
    }

    @Test
    void writesAfterTheQuietPeriodWithoutAFlush() throws InterruptedException {
        RecordingStore store = new RecordingStore(dir);
        Path file = dir.resolve("s.framewise");
        try (Autosaver autosaver = new Autosaver(store, Duration.ofMillis(20), Duration.ofMillis(100), e -> { })) {
            autosaver.request(file, TestSessions.full());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (store.saves.get() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(store.saves.get()).isEqualTo(1);
        }
        assertThat(store.load(file)).isEqualTo(TestSessions.full());
    }

    @Test
    void anExplicitSaveSupersedesAPendingAutosave() {
        RecordingStore store = new RecordingStore(dir);
        Path file = dir.resolve("s.framewise");
        try (Autosaver autosaver = new Autosaver(store, Duration.ofSeconds(10), Duration.ofSeconds(10), e -> { })) {
            autosaver.request(file, TestSessions.full().withTitle("older, autosaved"));
            autosaver.saveNow(file, TestSessions.full().withTitle("newer, saved explicitly"));
        }
        assertThat(store.saves.get()).isEqualTo(1);
        assertThat(store.load(file).title()).isEqualTo("newer, saved explicitly");
    }

    @Test
    void failedBackgroundSaveIsReportedAndRetriedOnFlush() {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        FileSessionStore flaky = new FileSessionStore(dir, temp -> {
            if (failuresLeft.getAndDecrement() > 0) throw new java.io.IOException("disk full");
        }, java.time.Clock.systemUTC());
        List<SessionException> errors = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("s.framewise");
        try (Autosaver autosaver = new Autosaver(flaky, Duration.ZERO, Duration.ZERO, errors::add)) {
            autosaver.request(file, TestSessions.full());
            autosaver.flush();
            autosaver.flush();
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).hasMessageContaining("disk full");
        assertThat(flaky.load(file)).isEqualTo(TestSessions.full());
    }

    /**
     * Autosave requests and explicit saves from several threads, with a reader loading the file all the
     * while: every read must succeed (the file is never seen half-written), and the last explicit save
     * after all threads stop is what remains.
     */
    @Test
    void concurrentAutosaveAndExplicitSavesNeverCorruptTheFile() throws Exception {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("s.framewise");
        Session base = TestSessions.full();
        store.save(file, base);
        int writers = 3;
        int iterations = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        try (Autosaver autosaver = new Autosaver(store, Duration.ofMillis(1), Duration.ofMillis(5), e -> {
            throw new AssertionError(e);
        })) {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> reader = pool.submit(() -> {
                start.await();
                while (writing.get()) {
                    Session read = store.load(file);
                    assertThat(read.runs()).hasSize(2);
                    reads.incrementAndGet();
                }
                return null;
            });
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < iterations; i++) {
                        Session s = base.withTitle("writer " + writer + " edit " + i);
                        if (i % 5 == 4) autosaver.saveNow(file, s);
                        else autosaver.request(file, s);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
            autosaver.saveNow(file, base.withTitle("final"));
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(reads.get()).isPositive();
        assertThat(store.load(file).title()).isEqualTo("final");
        assertThat(store.load(AtomicFileWriter.backupOf(file)).runs()).hasSize(2);
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    // and the OS lock file of the load-merge-write, which stays (see FileSessionStore.underFileLock)
                    .containsExactlyInAnyOrder("s.framewise", "s.framewise.bak", ".s.framewise.lock");
        }
    }

    @Test
    void aRunAnotherProcessAddedIsKeptAndARunDeletedHereStaysDeleted() {
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("s.framewise");
        Session opened = TestSessions.full(); // run-1 and run-2
        store.save(file, opened);
        try (Autosaver autosaver = new Autosaver(store, Duration.ofMillis(50), Duration.ofSeconds(1), e -> { })) {
            autosaver.opened(file, opened);
            // another process (framewise ask --session) adds run-3 under the file lock meanwhile
            FileSessionStore other = new FileSessionStore(dir);
            other.underFileLock(file, () -> {
                other.save(file, other.load(file).withRun(TestSessions.fullRun("run-3", "Did it fall?", "No.")));
                return null;
            });
            // here the user deletes run-2; the workbench's snapshot never had run-3
            autosaver.saveNow(file, opened.withRuns(List.of(opened.runs().get(0))));
            assertThat(store.load(file).runs()).extracting(r -> r.id()).containsExactly("run-1", "run-3");
            // later autosaves keep it too
            autosaver.request(file, opened.withRuns(List.of(opened.runs().get(0))).withTitle("renamed"));
            autosaver.flush();
            Session saved = store.load(file);
            assertThat(saved.title()).isEqualTo("renamed");
            assertThat(saved.runs()).extracting(r -> r.id()).containsExactly("run-1", "run-3");
            assertThat(saved.media()).extracting(m -> m.id()).containsExactly("media-video", "media-image");
        }
    }
}
