package dev.framewise.app.task;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Runs slow work (probing, decoding, loading a model, generating) off the FX thread through an injected
 * executor, so tests decide the threading. The newest unfinished task is what the status bar shows.
 * Call from the FX thread only; success and failure callbacks arrive on the FX thread.
 */
public final class BackgroundWork {
    private final Executor executor;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>();
    private final Map<Task<?>, Runnable> stoppers = new HashMap<>();

    public BackgroundWork(Executor executor) {
        this.executor = executor;
        current.bind(Bindings.createObjectBinding(() -> running.isEmpty() ? null : running.get(running.size() - 1), running));
    }

    /** Starts {@code work}; {@code onFailure} receives the exception (never called for a cancelled task). */
    public <T> Task<T> submit(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return submit(title, work, onSuccess, onFailure, null);
    }

    /**
     * Like {@link #submit(String, Callable, Consumer, Consumer)} for work with its own way to stop (generation
     * stops at the next token through its cancellation token): {@link #cancel} calls {@code stop} instead of
     * interrupting the thread, and the work still ends normally.
     */
    public <T> Task<T> submit(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                              Runnable stop) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title);
                return work.call();
            }
        };
        if (stop != null) stoppers.put(task, stop);
        return submit(task, onSuccess, onFailure);
    }

    /** Starts a task that reports its own progress. */
    public <T> Task<T> submit(Task<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        running.add(task);
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                stoppers.remove(task);
            }
            if (state == Worker.State.SUCCEEDED) {
                running.remove(task);
                onSuccess.accept(task.getValue());
            } else if (state == Worker.State.FAILED) {
                running.remove(task);
                onFailure.accept(task.getException());
            } else if (state == Worker.State.CANCELLED) {
                running.remove(task);
            }
        });
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // The executor is shut down: the application is closing, and late work is dropped.
            running.remove(task);
        }
        return task;
    }

    /** The newest task still running, or null when idle. */
    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Stops one task: through its own stop action when it has one, else by cancelling it. */
    public void cancel(Task<?> task) {
        Runnable stop = stoppers.get(task);
        if (stop != null) stop.run();
        else task.cancel();
    }

    public void cancelAll() {
        for (Task<?> task : running.toArray(new Task<?>[0])) cancel(task);
    }
}
