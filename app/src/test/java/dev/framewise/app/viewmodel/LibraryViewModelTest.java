package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.QueuedExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's add/remove/relink state machine as a plain unit test: no FX toolkit, probing on the test's thread. */
class LibraryViewModelTest {
    @TempDir
    Path dir;
    private final QueuedExecutor background = new QueuedExecutor();
    private final StillImages media = new StillImages();
    private final NotificationsViewModel notifications = new NotificationsViewModel();
    private final LibraryViewModel library = new LibraryViewModel(new BackgroundWork(background, Runnable::run), media,
            notifications);
    private final AtomicInteger changes = new AtomicInteger();

    {
        library.onChange(changes::incrementAndGet);
    }

    @Test
    void addedFilesAreProbedOffTheCallingThreadThenTheFirstIsSelected() throws Exception {
        Path a = file("a.png");
        Path b = file("b.png");
        library.add(List.of(a, b));
        assertEquals(2, library.items().size());
        assertEquals(MediaItem.Status.PROBING, library.items().get(0).statusProperty().get());
        assertNull(library.selectedProperty().get(), "nothing is selected before it is probed");
        background.runAll();
        assertEquals(MediaItem.Status.READY, library.items().get(0).statusProperty().get());
        assertEquals("Image · 64×48", library.items().get(0).detailProperty().get());
        assertEquals(1, library.items().get(0).filmstripProperty().get().size());
        assertEquals(b, library.selectedProperty().get().path(), "each newly added file is selected once probed");
        assertEquals(2, changes.get());
    }

    @Test
    void aVideosFilmstripShowsKeyFramesFirstThenEachSlicesOwnFrame() throws Exception {
        Path clip = file("clip.mp4");
        library.add(List.of(clip));
        background.runOne();
        MediaItem item = library.items().get(0);
        assertEquals(MediaItem.Status.READY, item.statusProperty().get());
        assertEquals(List.of(0.0), item.filmstripProperty().get().stream().map(MediaItem.Thumb::seconds).distinct().toList(),
                "first the key frames: one key frame, shown at every slice");
        background.runAll();
        List<Double> times = item.filmstripProperty().get().stream().map(MediaItem.Thumb::seconds).toList();
        assertEquals(List.of(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5), times,
                "after the fast strip, the exact one replaces it");
        assertEquals(2, media.opened.size(), "opened once to probe, once for the exact strip");
    }

    @Test
    void aFileThatCannotBeReadIsNotAddedAndTheUserIsTold() throws Exception {
        library.add(List.of(file("photo.broken.png")));
        background.runAll();
        assertTrue(library.items().isEmpty());
        assertEquals(Notification.Kind.ERROR, notifications.notifications().get(0).kind());
        assertTrue(notifications.notifications().get(0).message().contains("photo.broken.png"),
                notifications.notifications().get(0).message());
        assertEquals(0, changes.get());
    }

    @Test
    void aFolderAddsTheMediaDirectlyInsideItOnly() throws Exception {
        file("clips/one.png");
        file("clips/two.mp4");
        file("clips/notes.txt");
        file("clips/deeper/three.png");
        library.add(List.of(dir.resolve("clips")));
        assertEquals(List.of("one.png", "two.mp4"), library.items().stream().map(MediaItem::name).toList());
    }

    @Test
    void addingAKnownFileAgainSelectsItInsteadOfAddingACopy() throws Exception {
        Path a = file("a.png");
        Path b = file("b.png");
        library.add(List.of(a, b));
        background.runAll();
        library.add(List.of(a));
        assertEquals(0, background.waiting(), "not probed again");
        assertEquals(2, library.items().size());
        assertEquals(a, library.selectedProperty().get().path());
    }

    @Test
    void removingTheSelectedItemSelectsTheFirstLeft() throws Exception {
        library.add(List.of(file("a.png"), file("b.png")));
        background.runAll();
        MediaItem b = library.selectedProperty().get();
        int before = changes.get();
        library.remove(b);
        assertEquals(List.of("a.png"), library.items().stream().map(MediaItem::name).toList());
        assertSame(library.items().get(0), library.selectedProperty().get());
        assertEquals(before + 1, changes.get());
        library.remove(library.items().get(0));
        assertNull(library.selectedProperty().get());
    }

    @Test
    void aMissingFileIsKeptMarkedAndRelinkingReadsTheNewOne() throws Exception {
        Path gone = dir.resolve("moved-away.png");
        Path present = file("kept.png");
        library.restore(List.of(gone, present), present);
        background.runAll();
        MediaItem missing = library.find(gone);
        assertEquals(MediaItem.Status.MISSING, missing.statusProperty().get());
        assertEquals(present, library.selectedProperty().get().path(), "the saved selection comes back");

        Path found = file("found/moved-away.png");
        library.relink(missing, found);
        assertEquals(MediaItem.Status.PROBING, missing.statusProperty().get());
        background.runAll();
        assertEquals(found, missing.path());
        assertEquals(MediaItem.Status.READY, missing.statusProperty().get());
        assertSame(missing, library.selectedProperty().get());
        assertSame(missing, library.find(found));
    }

    private Path file(String name) throws Exception {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[]{1, 2, 3});
        return path.toAbsolutePath().normalize();
    }
}
