package dev.framewise.engine.store.hub;

import dev.framewise.engine.store.Bytes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Bytes per second over a sliding window, so the rate follows the link rather than the whole history. */
public final class TransferRate {
    private static final long WINDOW_NANOS = 5_000_000_000L;
    private final Deque<long[]> samples = new ArrayDeque<>(); // {nanoTime, cumulative bytes}

    public void record(long nanoTime, long cumulativeBytes) {
        samples.addLast(new long[] {nanoTime, cumulativeBytes});
        while (samples.size() > 2 && nanoTime - samples.peekFirst()[0] > WINDOW_NANOS) samples.removeFirst();
    }

    public double bytesPerSecond() {
        if (samples.size() < 2) return 0;
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long nanos = last[0] - first[0];
        return nanos <= 0 ? 0 : (last[1] - first[1]) * 1e9 / nanos;
    }

    public Optional<Duration> eta(long remainingBytes) {
        if (remainingBytes <= 0) return Optional.of(Duration.ZERO);
        double rate = bytesPerSecond();
        return rate <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (remainingBytes / rate * 1000)));
    }
}
