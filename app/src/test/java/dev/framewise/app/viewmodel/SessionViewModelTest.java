package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.PlaybackClock;
import dev.framewise.app.task.QueuedExecutor;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's open/save/restore state machine as a plain unit test: no FX toolkit; media are probed and hashed
 * when the test runs the background queue.
 */
class SessionViewModelTest {
    /** Playback is not what these tests are about (ViewerViewModelTest): a clock that never ticks. */
    private static final PlaybackClock STOPPED = new PlaybackClock() {
        @Override
        public void start(DoubleConsumer elapsedSeconds) {
        }

        @Override
        public void stop() {
        }
    };
    @TempDir
    Path dir;
    private final Preferences prefs = Preferences.userRoot().node("dev/framewise/test/session-vm-" + System.nanoTime());
    private final QueuedExecutor background = new QueuedExecutor();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"), ZoneOffset.UTC);
    private final List<Window> windows = new ArrayList<>();

    /** One workbench's worth of view models around a session, as WorkbenchViewModel wires them. */
    private final class Window {
        final NotificationsViewModel notifications = new NotificationsViewModel();
        final StillImages media = new StillImages();
        final BackgroundWork work = new BackgroundWork(background, Runnable::run);
        final LibraryViewModel library = new LibraryViewModel(work, media, notifications);
        final HistoryViewModel history = new HistoryViewModel();
        final ViewerViewModel viewer = new ViewerViewModel(media, Runnable::run, Runnable::run, STOPPED,
                notifications);
        final SessionViewModel session = new SessionViewModel(new FileSessionStore(dir.resolve("sessions")), work, clock,
                new AppSettings(prefs), notifications, library, history, viewer, new EngineOutliner(), Runnable::run);

        Window() {
            windows.add(this);
        }
    }

    @AfterEach
    void close() throws BackingStoreException {
        windows.forEach(w -> w.session.close());
        prefs.removeNode();
    }

    @Test
    void savedMediaAndSelectionComeBackWhenTheFileIsOpened() throws Exception {
        Window first = new Window();
        Path a = file("a.png");
        Path b = file("b.png");
        first.library.add(List.of(a, b));
        background.runAll(); // probe, then hash for the session record
        first.library.selectedProperty().set(first.library.find(a));
        Path saved = dir.resolve("work/review");
        Files.createDirectories(saved.getParent());
        first.session.saveAs(saved);

        Path file = dir.resolve("work/review.framewise");
        assertEquals(file, first.session.fileProperty().get(), "save as adds the extension");
        assertEquals("Framewise — review", first.session.titleProperty().get());
        assertTrue(Files.isRegularFile(file));

        Window second = new Window();
        second.session.open(file);
        background.runAll();
        assertEquals(List.of("a.png", "b.png"), second.library.items().stream().map(MediaItem::name).toList());
        assertEquals(a, second.library.selectedProperty().get().path());
        assertEquals(MediaItem.Status.READY, second.library.items().get(1).statusProperty().get());
        assertEquals(file, second.session.fileProperty().get());
        assertEquals("Framewise — review", second.session.titleProperty().get());
        Session document = second.session.document();
        assertEquals(2, document.media().size());
        assertTrue(second.notifications.notifications().isEmpty(), second.notifications.notifications().toString());
    }

    @Test
    void aMediaFileGoneSinceIsKeptMarkedAndStaysInTheSession() throws Exception {
        Window first = new Window();
        Path clip = file("clip.png");
        first.library.add(List.of(clip));
        background.runAll();
        Path file = dir.resolve("kept.framewise");
        first.session.saveAs(file);
        Files.delete(clip);

        Window second = new Window();
        second.session.open(file);
        background.runAll();
        MediaItem missing = second.library.find(clip);
        assertEquals(MediaItem.Status.MISSING, missing.statusProperty().get());
        second.session.saveNow();
        assertEquals(1, new FileSessionStore(dir.resolve("sessions")).load(file).media().size(),
                "saving again keeps the missing file's record for relinking");
    }

    @Test
    void aDamagedFileIsNotOpenedAndTheSessionInUseStays() throws Exception {
        Window window = new Window();
        window.library.add(List.of(file("a.png")));
        background.runAll();
        Path current = window.session.fileProperty().get();
        Path damaged = dir.resolve("damaged.framewise");
        Files.writeString(damaged, "{ not json");
        byte[] before = Files.readAllBytes(damaged);

        window.session.open(damaged);
        assertEquals(current, window.session.fileProperty().get());
        assertEquals(1, window.library.items().size());
        assertEquals(Notification.Kind.ERROR, window.notifications.notifications().get(0).kind());
        assertTrue(window.notifications.notifications().get(0).message().contains("damaged.framewise"),
                window.notifications.notifications().get(0).message());
        try (var setAside = Files.list(dir)) {
            Path kept = setAside.filter(f -> f.getFileName().toString().startsWith("damaged.framewise.corrupt"))
                    .findFirst().orElseThrow(() -> new AssertionError("the damaged file is set aside, not lost"));
            assertArrayEquals(before, Files.readAllBytes(kept));
        }
    }

    @Test
    void anUntouchedNewSessionLeavesNoFileAndIsNotRemembered() {
        Window window = new Window();
        Path file = window.session.fileProperty().get();
        assertEquals("Framewise — Untitled session", window.session.titleProperty().get());
        window.session.close();
        assertFalse(Files.exists(file));
        assertEquals(Optional.empty(), new AppSettings(prefs).lastSession());
    }

    @Test
    void aNewSessionEmptiesTheLibraryAndSavesTheOldOne() throws Exception {
        Window window = new Window();
        window.library.add(List.of(file("a.png")));
        background.runAll();
        Path old = window.session.fileProperty().get();
        window.session.newSession();
        assertTrue(window.library.items().isEmpty());
        assertFalse(old.equals(window.session.fileProperty().get()), "the new session gets its own file");
        assertEquals(1, new FileSessionStore(dir.resolve("sessions")).load(old).media().size());
        window.session.reopenLast();
        assertEquals(List.of("a.png"), window.library.items().stream().map(MediaItem::name).toList());
    }

    private Path file(String name) throws Exception {
        Path path = dir.resolve("media").resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, name.getBytes());
        return path.toAbsolutePath().normalize();
    }
}
