package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a batch: the shutdown hook cancels the runs in flight (they stop at their next token and are not
 * written) and waits for the batch to come to rest, so the results file ends on a complete line.
 */
final class CtrlC {
    private static final long WAIT_SECONDS = 20;

    private CtrlC() {
    }

    static Thread cancelOnInterrupt(CancellationToken cancel) {
        CountDownLatch rest = new CountDownLatch(1);
        Thread hook = new Hook(cancel, rest);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The batch ended by itself: the hook is no longer needed. */
    static void finished(Thread hook) {
        ((Hook) hook).rest.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and now sees the batch at rest
        }
    }

    private static final class Hook extends Thread {
        private final CancellationToken cancel;
        private final CountDownLatch rest;

        Hook(CancellationToken cancel, CountDownLatch rest) {
            super("framewise-batch-interrupt");
            this.cancel = cancel;
            this.rest = rest;
        }

        @Override
        public void run() {
            cancel.cancel();
            try {
                rest.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
