package dev.framewise.app.task;

import java.util.function.DoubleConsumer;
import javafx.animation.AnimationTimer;

/** The screen's frame pulse ({@link AnimationTimer}) as a {@link PlaybackClock}; needs the FX toolkit. */
public final class FxPlaybackClock implements PlaybackClock {
    private DoubleConsumer listener = seconds -> { };
    private final AnimationTimer timer = new AnimationTimer() {
        private long last;

        @Override
        public void start() {
            last = 0;
            super.start();
        }

        @Override
        public void handle(long now) {
            if (last != 0) listener.accept((now - last) / 1e9);
            last = now;
        }
    };

    @Override
    public void start(DoubleConsumer elapsedSeconds) {
        listener = elapsedSeconds;
        timer.start();
    }

    @Override
    public void stop() {
        timer.stop();
    }
}
