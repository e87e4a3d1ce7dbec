package dev.framewise.app.viewmodel;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once a burst of requests has settled (typing a question, dragging a slider): each request
 * replaces the one before it. Tests use {@link #immediate()}.
 */
@FunctionalInterface
public interface Debouncer {
    /** Runs {@code action} (on the thread the debouncer hands it to) unless another request follows within the delay. */
    void request(Runnable action);

    /** Runs every request at once, on the calling thread. */
    static Debouncer immediate() {
        return Runnable::run;
    }

    /** Runs the last request {@code delay} after it, on {@code target} (the FX thread). */
    static Debouncer after(Duration delay, ScheduledExecutorService timer, Executor target) {
        return new Debouncer() {
            private ScheduledFuture<?> pending;

            @Override
            public synchronized void request(Runnable action) {
                if (pending != null) pending.cancel(false);
                pending = timer.schedule(() -> target.execute(action), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }
}
