package dev.framewise.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Slow work and what becomes of its outcome, without the FX toolkit (JabRef's {@code BackgroundTask} is the
 * model): a {@link TaskExecutor} runs the work on some thread and calls {@code onSuccess}, {@code onFailure} or
 * {@code onCancelled} on its results thread (the FX thread in the app, the test's thread in tests). Exactly one of
 * the three is called. Cancelling takes effect at once, the way {@code javafx.concurrent.Task} does: the
 * cancelled callbacks run on the thread that cancels, and whatever the work still returns goes to
 * {@link #discard}, never to {@code onSuccess}.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {
    /** Slow work that can report how far it is and notice that it was cancelled. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** What running work may ask and tell. */
    public interface Progress {
        boolean isCancelled();

        /** How far the work is, 0..1; delivered on the results thread. */
        void update(double fraction);

        /** What the work is doing now, for a status line ("quantising 40 of 113 matrices"); delivered likewise. */
        default void message(String text) {
        }
    }

    private enum State { WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = value -> { };
    private Consumer<Throwable> onFailure = error -> { };
    private Runnable onCancelled = () -> { };
    private Consumer<? super T> discard = value -> { };
    private Runnable stop;
    private final List<Runnable> whenDone = new ArrayList<>();
    /** -1 until the work reports progress: "busy, for how long unknown" (the convention of JavaFX's progress bars). */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private State state = State.WAITING;
    private Thread runner;

    private BackgroundTask(String title, Work<T> work) {
        this.title = title;
        this.work = work;
    }

    public static <T> BackgroundTask<T> of(String title, Callable<T> work) {
        return new BackgroundTask<>(title, progress -> work.call());
    }

    public static <T> BackgroundTask<T> withProgress(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        this.onSuccess = action;
        return this;
    }

    /** Receives the exception the work threw; never called for a cancelled task. */
    public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = action;
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable action) {
        this.onCancelled = action;
        return this;
    }

    /** What to do with a value the work returned after it was cancelled (close it); runs on the work's thread. */
    public BackgroundTask<T> discard(Consumer<? super T> action) {
        this.discard = action;
        return this;
    }

    /**
     * For work with its own way to stop (generation stops at the next token through its cancellation token):
     * {@link #cancel} calls {@code stop} instead of cancelling, and the work still ends normally.
     */
    public BackgroundTask<T> stoppedBy(Runnable stop) {
        this.stop = stop;
        return this;
    }

    public String title() {
        return title;
    }

    /** 0..1 as reported by the work, -1 while it has reported nothing; changes on the results thread. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the work last said it is doing ({@link Progress#message}), empty until then; changes on the results thread. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public synchronized boolean isCancelled() {
        return state == State.CANCELLED;
    }

    public synchronized boolean isDone() {
        return state != State.WAITING && state != State.RUNNING;
    }

    /**
     * Stops the task: through its own stop action when it has one; else marks it cancelled, interrupts its thread
     * and runs the cancelled callbacks here and now. Call on the results thread. Nothing happens once it has ended.
     */
    public void cancel() {
        if (stop != null) {
            stop.run();
            return;
        }
        synchronized (this) {
            if (isDone()) return;
            state = State.CANCELLED;
            if (runner != null) runner.interrupt();
        }
        onCancelled.run();
        whenDone.forEach(Runnable::run);
    }

    /** Runs after the task ended, whichever way, on the results thread (the executor's bookkeeping). */
    void whenDone(Runnable action) {
        whenDone.add(action);
    }

    /** Runs the work on the calling thread and hands the outcome to {@code results}; for executors. */
    void run(Executor results) {
        synchronized (this) {
            if (state != State.WAITING) return;
            state = State.RUNNING;
            runner = Thread.currentThread();
        }
        T value = null;
        Throwable error = null;
        try {
            value = work.call(new ProgressToResults(results));
        } catch (Throwable e) {
            error = e;
        }
        boolean cancelled;
        synchronized (this) {
            runner = null;
            Thread.interrupted(); // an interrupt meant for this task must not reach the pool's next one
            cancelled = state == State.CANCELLED;
            if (!cancelled) state = error == null ? State.SUCCEEDED : State.FAILED;
        }
        if (cancelled) {
            if (value != null) discard.accept(value);
            return;
        }
        T result = value;
        Throwable failure = error;
        results.execute(() -> {
            if (failure == null) onSuccess.accept(result);
            else onFailure.accept(failure);
            whenDone.forEach(Runnable::run);
        });
    }

    /** The executor could not take the task (the application is closing): it ends without any callback. */
    void dropped() {
        synchronized (this) {
            if (isDone()) return;
            state = State.CANCELLED;
        }
        whenDone.forEach(Runnable::run);
    }

    /** Progress reports coalesced: at most one update waits on the results thread, carrying the newest fraction. */
    private final class ProgressToResults implements Progress {
        private final Executor results;
        private final AtomicReference<Double> pending = new AtomicReference<>();
        private final AtomicReference<String> pendingMessage = new AtomicReference<>();

        ProgressToResults(Executor results) {
            this.results = results;
        }

        @Override
        public boolean isCancelled() {
            return BackgroundTask.this.isCancelled();
        }

        @Override
        public void update(double fraction) {
            if (pending.getAndSet(fraction) == null) {
                results.execute(() -> {
                    Double newest = pending.getAndSet(null);
                    if (newest != null) progress.set(newest);
                });
            }
        }

        @Override
        public void message(String text) {
            if (pendingMessage.getAndSet(text) == null) {
                results.execute(() -> {
                    String newest = pendingMessage.getAndSet(null);
                    if (newest != null) message.set(newest);
                });
            }
        }
    }
}
