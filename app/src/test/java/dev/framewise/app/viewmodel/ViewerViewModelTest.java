package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.PlaybackClock;
import dev.framewise.app.task.QueuedExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The viewer's open/scrub/step/play state machine as a plain unit test: no FX toolkit, frames decoded on the test's
 * thread, playback driven by a clock the test advances by hand. The video is {@link StillImages}' 10 s at 10 fps.
 */
class ViewerViewModelTest {
    @TempDir
    Path dir;
    private final QueuedExecutor probing = new QueuedExecutor();
    private final StillImages media = new StillImages();
    private final NotificationsViewModel notifications = new NotificationsViewModel();
    private final LibraryViewModel library = new LibraryViewModel(new BackgroundWork(probing, Runnable::run), media,
            notifications);
    private final HandClock clock = new HandClock();
    private final ViewerViewModel viewer = new ViewerViewModel(media, Runnable::run, Runnable::run, clock, notifications);

    /** A playback clock the test ticks. */
    private static final class HandClock implements PlaybackClock {
        private DoubleConsumer ticks;
        boolean running;

        @Override
        public void start(DoubleConsumer elapsedSeconds) {
            ticks = elapsedSeconds;
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        void tick(double seconds) {
            if (running) ticks.accept(seconds);
        }
    }

    @Test
    void anOpenedVideoShowsItsFirstFrameWithTheWholeVideoAsItsClip() throws Exception {
        MediaItem video = probed("clip.mp4");
        viewer.mediaProperty().set(video);
        assertSame(video, viewer.shownMediaProperty().get());
        assertEquals(10.0, viewer.durationProperty().get());
        assertEquals(0.0, viewer.positionProperty().get());
        assertEquals(0, viewer.frameIndexProperty().get());
        assertNotNull(viewer.frameProperty().get());
        assertFalse(viewer.clipEnabledProperty().get());
        assertEquals(0.0, viewer.clipStartProperty().get());
        assertEquals(10.0, viewer.clipEndProperty().get());
        assertTrue(notifications.notifications().isEmpty());
    }

    @Test
    void scrubbingStaysWithinTheVideoAndShowsTheFrameAtThePosition() throws Exception {
        viewer.mediaProperty().set(probed("clip.mp4"));
        viewer.seek(2.5);
        assertEquals(2.5, viewer.positionProperty().get());
        assertEquals(25, viewer.frameIndexProperty().get());
        viewer.seek(-3);
        assertEquals(0.0, viewer.positionProperty().get());
        assertEquals(0, viewer.frameIndexProperty().get());
        viewer.seek(42);
        assertEquals(10.0, viewer.positionProperty().get(), "past the end stops at the end");
        assertEquals(100, viewer.frameIndexProperty().get());
    }

    @Test
    void steppingMovesByWholeFramesStopsPlaybackAndStopsAtTheStart() throws Exception {
        viewer.mediaProperty().set(probed("clip.mp4"));
        viewer.seek(2.0);
        viewer.togglePlay();
        viewer.step(1);
        assertFalse(viewer.playingProperty().get(), "a step pauses");
        assertFalse(clock.running);
        assertEquals(21, viewer.frameIndexProperty().get());
        viewer.step(3);
        assertEquals(24, viewer.frameIndexProperty().get());
        viewer.step(-2);
        assertEquals(22, viewer.frameIndexProperty().get());
        viewer.seek(0);
        viewer.step(-1);
        assertEquals(0.0, viewer.positionProperty().get(), "no stepping before the first frame");
    }

    @Test
    void playingAdvancesWithTheClockAndStopsAtTheEndThenStartsOverWhenPlayedAgain() throws Exception {
        viewer.mediaProperty().set(probed("clip.mp4"));
        viewer.togglePlay();
        assertTrue(viewer.playingProperty().get());
        clock.tick(1.5);
        clock.tick(0.25);
        assertEquals(1.75, viewer.positionProperty().get(), 1e-9);
        assertEquals(18, viewer.frameIndexProperty().get());
        clock.tick(20);
        assertEquals(10.0, viewer.positionProperty().get());
        assertFalse(viewer.playingProperty().get(), "the end pauses");
        assertFalse(clock.running);
        viewer.togglePlay();
        assertTrue(viewer.playingProperty().get());
        assertEquals(0.0, viewer.positionProperty().get(), "playing at the end starts over");
        viewer.togglePlay();
        assertFalse(viewer.playingProperty().get());
        assertFalse(clock.running);
    }

    @Test
    void anImageHasNoTimelineSoItNeitherPlaysNorSteps() throws Exception {
        viewer.mediaProperty().set(probed("still.png"));
        assertEquals(0.0, viewer.durationProperty().get());
        assertEquals(0, viewer.frameIndexProperty().get());
        assertNotNull(viewer.frameProperty().get());
        viewer.togglePlay();
        assertFalse(viewer.playingProperty().get());
        viewer.step(1);
        viewer.seek(3);
        assertEquals(0.0, viewer.positionProperty().get());
    }

    @Test
    void switchingMediaPausesAndStartsTheNextOneFromTheBeginning() throws Exception {
        MediaItem video = probed("clip.mp4");
        MediaItem still = probed("still.png");
        viewer.mediaProperty().set(video);
        viewer.seek(4);
        viewer.togglePlay();
        viewer.mediaProperty().set(still);
        assertFalse(viewer.playingProperty().get());
        assertFalse(clock.running);
        assertSame(still, viewer.shownMediaProperty().get());
        viewer.mediaProperty().set(null);
        assertNull(viewer.shownMediaProperty().get());
        assertNull(viewer.frameProperty().get());
        assertEquals(-1, viewer.frameIndexProperty().get());
        viewer.mediaProperty().set(video);
        assertEquals(0.0, viewer.positionProperty().get());
    }

    @Test
    void aReopenedSessionResumesWhereItWasOnceAndWithinTheVideo() throws Exception {
        MediaItem video = probed("clip.mp4");
        viewer.resumeAt(video, 7.0);
        viewer.mediaProperty().set(video);
        assertEquals(7.0, viewer.positionProperty().get());
        assertEquals(70, viewer.frameIndexProperty().get());
        viewer.mediaProperty().set(null);
        viewer.mediaProperty().set(video);
        assertEquals(0.0, viewer.positionProperty().get(), "resuming happens once");
        viewer.mediaProperty().set(null);
        viewer.resumeAt(video, 99);
        viewer.mediaProperty().set(video);
        assertEquals(10.0, viewer.positionProperty().get(), "a position past the end resumes at the end");
    }

    @Test
    void mediaStillBeingProbedIsShownOnceItsInfoArrives() throws Exception {
        library.add(List.of(file("late.mp4")));
        MediaItem item = library.items().get(0);
        viewer.mediaProperty().set(item);
        assertNull(viewer.shownMediaProperty().get(), "nothing to show before the probe");
        probing.runAll();
        assertSame(item, viewer.shownMediaProperty().get());
        assertEquals(10.0, viewer.durationProperty().get());
    }

    private MediaItem probed(String name) throws Exception {
        Path path = file(name);
        library.add(List.of(path));
        probing.runAll();
        return library.find(path);
    }

    private Path file(String name) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, new byte[]{1, 2, 3});
        return path;
    }
}
