package dev.framewise.app.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs {@link BackgroundTask}s: the work on some thread, the outcome on the results thread. View models take one,
 * so the app runs work off the FX thread with results on it ({@link BackgroundWork}), and a test runs both on its
 * own thread ({@link BackgroundWork#currentThread()}) or whenever it likes.
 */
public interface TaskExecutor {
    /** Starts {@code task} and returns it (to cancel it later). */
    <T> BackgroundTask<T> execute(BackgroundTask<T> task);

    /** Starts {@code work}; {@code onFailure} receives the exception (never called for a cancelled task). */
    default <T> BackgroundTask<T> submit(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return execute(BackgroundTask.of(title, work).onSuccess(onSuccess).onFailure(onFailure));
    }
}
