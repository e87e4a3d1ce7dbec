package dev.framewise.app.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task abstraction without the FX toolkit: which callback runs, when, and what the status bar sees. */
class BackgroundTaskTest {
    private final QueuedExecutor background = new QueuedExecutor();
    private final QueuedExecutor results = new QueuedExecutor();
    private final BackgroundWork work = new BackgroundWork(background, results);
    private final List<String> events = new ArrayList<>();

    private BackgroundTask<String> recorded(BackgroundTask<String> task) {
        return task.onSuccess(v -> events.add("success " + v)).onFailure(e -> events.add("failure " + e.getMessage()))
                .onCancelled(() -> events.add("cancelled")).discard(v -> events.add("discarded " + v));
    }

    @Test
    void successArrivesOnTheResultsThreadAndTheTaskLeavesTheStatusBar() {
        BackgroundTask<String> task = work.execute(recorded(BackgroundTask.of("Reading", () -> "done")));
        assertSame(task, work.currentProperty().get());
        background.runAll();
        assertEquals(List.of(), events, "nothing is delivered before the results thread runs it");
        assertSame(task, work.currentProperty().get());
        results.runAll();
        assertEquals(List.of("success done"), events);
        assertNull(work.currentProperty().get());
        assertTrue(task.isDone());
    }

    @Test
    void failureGivesTheExceptionAndNoSuccess() {
        work.execute(recorded(BackgroundTask.of("Reading", () -> {
            throw new IllegalStateException("unreadable");
        })));
        background.runAll();
        results.runAll();
        assertEquals(List.of("failure unreadable"), events);
        assertNull(work.currentProperty().get());
    }

    @Test
    void cancelledBeforeItRunsTheWorkNeverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        BackgroundTask<String> task = work.execute(recorded(BackgroundTask.of("Reading", () -> {
            ran.set(true);
            return "late";
        })));
        work.cancel(task);
        assertEquals(List.of("cancelled"), events, "cancelling takes effect at once");
        assertNull(work.currentProperty().get());
        background.runAll();
        results.runAll();
        assertFalse(ran.get());
        assertEquals(List.of("cancelled"), events);
    }

    @Test
    void aValueReturnedAfterCancellingIsDiscardedNotDelivered() {
        BackgroundTask<String>[] self = new BackgroundTask[1];
        self[0] = work.execute(recorded(BackgroundTask.withProgress("Loading", progress -> {
            self[0].cancel(); // the user cancels while the work runs
            assertTrue(progress.isCancelled());
            assertTrue(Thread.interrupted(), "cancelling interrupts the working thread");
            return "backend";
        })));
        background.runAll();
        results.runAll();
        assertEquals(List.of("cancelled", "discarded backend"), events);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void workWithItsOwnStopEndsNormallyWhenCancelled() {
        AtomicBoolean stopped = new AtomicBoolean();
        BackgroundTask<String> task = work.submit("Generating", () -> stopped.get() ? "stopped early" : "all tokens",
                v -> events.add("success " + v), e -> events.add("failure"), () -> stopped.set(true));
        work.cancelAll();
        assertTrue(stopped.get());
        assertFalse(task.isCancelled());
        background.runAll();
        results.runAll();
        assertEquals(List.of("success stopped early"), events);
    }

    @Test
    void progressIsCoalescedAndSetOnTheResultsThread() {
        BackgroundTask<String> task = work.execute(BackgroundTask.withProgress("Loading", progress -> {
            progress.update(0.25);
            progress.update(0.5);
            progress.update(0.75);
            return "done";
        }));
        assertEquals(-1, task.progressProperty().get(), "no progress reported yet");
        background.runAll();
        assertEquals(-1, task.progressProperty().get(), "progress changes on the results thread only");
        assertEquals(2, results.waiting(), "one progress update (the newest) and the outcome");
        results.runAll();
        assertEquals(0.75, task.progressProperty().get());
    }

    @Test
    void workRefusedByAClosingExecutorEndsQuietly() {
        BackgroundWork closing = new BackgroundWork(command -> {
            throw new RejectedExecutionException("shut down");
        }, Runnable::run);
        BackgroundTask<String> task = closing.execute(recorded(BackgroundTask.of("Late", () -> "never")));
        assertTrue(task.isDone());
        assertEquals(List.of(), events);
        assertNull(closing.currentProperty().get());
    }

    @Test
    void theCurrentThreadExecutorRunsWorkAndOutcomeAtOnce() {
        BackgroundWork.currentThread().execute(recorded(BackgroundTask.of("Now", () -> "here")));
        assertEquals(List.of("success here"), events);
    }
}
