package dev.framewise.app.task;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workbench's {@link TaskExecutor}: runs slow work (probing, hashing, loading a model, generating) on the
 * background executor and delivers outcomes on the results executor (the FX thread in the app), keeping the
 * tasks still running, the newest of which the status bar shows. Call from the results thread only. Nothing here
 * needs the FX toolkit, so view models run their state machines in plain unit tests with
 * {@link #currentThread()} or an executor the test drives.
 */
public final class BackgroundWork implements TaskExecutor {
    private final Executor background;
    private final Executor results;
    private final ObservableList<BackgroundTask<?>> running = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<BackgroundTask<?>> current = new ReadOnlyObjectWrapper<>();

    public BackgroundWork(Executor background, Executor results) {
        this.background = background;
        this.results = results;
        current.bind(Bindings.createObjectBinding(() -> running.isEmpty() ? null : running.get(running.size() - 1), running));
    }

    /** Work and outcome on the calling thread, at once (JabRef's {@code CurrentThreadTaskExecutor}): for tests. */
    public static BackgroundWork currentThread() {
        return new BackgroundWork(Runnable::run, Runnable::run);
    }

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        running.add(task);
        task.whenDone(() -> running.remove(task));
        try {
            background.execute(() -> task.run(results));
        } catch (RejectedExecutionException e) {
            // The executor is shut down: the application is closing, and late work is dropped.
            task.dropped();
        }
        return task;
    }

    /**
     * Like {@link TaskExecutor#submit(String, Callable, Consumer, Consumer)} for work with its own way to stop (generation
     * stops at the next token through its cancellation token): {@link #cancel} calls {@code stop} instead of
     * interrupting the thread, and the work still ends normally.
     */
    public <T> BackgroundTask<T> submit(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                                        Runnable stop) {
        BackgroundTask<T> task = BackgroundTask.of(title, work).onSuccess(onSuccess).onFailure(onFailure);
        if (stop != null) task.stoppedBy(stop);
        return execute(task);
    }

    /** The newest task still running, or null when idle. */
    public ReadOnlyObjectProperty<BackgroundTask<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Stops one task: through its own stop action when it has one, else by cancelling it. */
    public void cancel(BackgroundTask<?> task) {
        task.cancel();
    }

    public void cancelAll() {
        for (BackgroundTask<?> task : running.toArray(new BackgroundTask<?>[0])) cancel(task);
    }
}
