package dev.framewise.engine.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code maxRunning} generations at once and at most {@code maxWaiting} requests waiting for a
 * turn (fairly, in arrival order); a request beyond that is refused at once (HTTP 429) rather than
 * piling up threads and memory.
 */
final class AdmissionGate {
    private final Semaphore running;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    AdmissionGate(int maxRunning, int maxWaiting) {
        if (maxRunning < 1) throw new IllegalArgumentException("max concurrency must be at least 1, got " + maxRunning);
        if (maxWaiting < 0) throw new IllegalArgumentException("the queue bound must be 0 or more, got " + maxWaiting);
        this.running = new Semaphore(maxRunning, true);
        this.maxWaiting = maxWaiting;
    }

    /** Waits for a turn; the returned permit must be closed when the generation ends. */
    Permit enter() {
        try {
            // tryAcquire() would take a free permit ahead of requests already waiting; with a timeout (even zero)
            // the fair semaphore keeps arrival order.
            if (running.tryAcquire(0, TimeUnit.SECONDS)) return running::release;
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw full();
            }
            try {
                running.acquire();
                return running::release;
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "server_error", "shutting_down", "The server is shutting down.");
        }
    }

    /**
     * Refuses at once (429) when a request arriving now would be refused by {@link #enter()}: checked before the
     * request's body is read, so a full server does not read and hold many large bodies first.
     */
    void refuseIfFull() {
        if (running.availablePermits() == 0 && waiting.get() >= maxWaiting) throw full();
    }

    private ApiError full() {
        return ApiError.busy("The server is busy: " + maxWaiting + " requests are already waiting. Retry later.");
    }

    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
