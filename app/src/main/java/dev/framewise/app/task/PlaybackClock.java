package dev.framewise.app.task;

import java.util.function.DoubleConsumer;

/**
 * What drives playback: while started, it hands over the seconds elapsed since its last tick. In the app the screen's
 * frame pulse ({@link FxPlaybackClock}); in a test a clock the test advances by hand, so the viewer's play state
 * machine runs without the FX toolkit.
 */
public interface PlaybackClock {
    /** Starts ticking into {@code elapsedSeconds} (the first tick comes one pulse after the start). */
    void start(DoubleConsumer elapsedSeconds);

    /** Stops ticking; starting again begins a fresh interval. */
    void stop();
}
