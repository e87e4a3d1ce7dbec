package dev.framewise.app.task;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor a test drives: submissions wait until the test runs them, on the test's thread. */
public final class QueuedExecutor implements Executor {
    private final Queue<Runnable> waiting = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
        waiting.add(command);
    }

    public int waiting() {
        return waiting.size();
    }

    /** Runs the oldest waiting command (false when none waits). */
    public boolean runOne() {
        Runnable next = waiting.poll();
        if (next != null) next.run();
        return next != null;
    }

    /** Runs what waits, including what that submits, until nothing is left. */
    public void runAll() {
        for (Runnable next = waiting.poll(); next != null; next = waiting.poll()) next.run();
    }
}
