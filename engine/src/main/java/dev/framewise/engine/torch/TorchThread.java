package dev.framewise.engine.torch;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The one thread the embedded engine runs libtorch on, whichever thread asks. libtorch's OpenMP runtime (libgomp)
 * keeps a pool of worker threads for every thread that starts parallel work, and once the pools hold more threads
 * than there are cores, an idle worker spins 100 times instead of 300,000 before it sleeps: every matrix product
 * then waits for sleeping workers to wake, and decoding falls well below the bandwidth bound (docs/decode-speed.md
 * has the figures).
 * The workbench and the server call the engine from many threads; they all come here.
 */
public final class TorchThread {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "framewise-torch");
        t.setDaemon(true);
        return t;
    });
    private static volatile Thread owner;

    private TorchThread() {
    }

    /**
     * Runs {@code work} on the torch thread (directly when called from it) and returns its result, or throws what
     * it threw. The caller waits even when interrupted (a native call cannot be abandoned half-way; generation
     * stops through its cancellation token) and keeps its interrupt status.
     */
    public static <T> T call(Supplier<T> work) {
        if (Thread.currentThread() == owner) return work.get();
        Future<T> result = THREAD.submit(() -> {
            owner = Thread.currentThread();
            return work.get();
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** {@link #call} for work without a result. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
