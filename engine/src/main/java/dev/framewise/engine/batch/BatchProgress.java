package dev.framewise.engine.batch;

import java.time.Duration;

/**
 * Where a batch stands after a run: {@code finished} of the {@code planned} runs (done or failed) in
 * {@code elapsed}; rate and ETA are over the runs of this invocation (skipped rows took no time).
 */
public record BatchProgress(int finished, int failed, int planned, Duration elapsed) {

    /** Runs finished per second, 0 before the first one. */
    public double runsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return finished == 0 || seconds <= 0 ? 0 : finished / seconds;
    }

    /** Time left at the rate so far; null before the first run ends. */
    public Duration eta() {
        double rate = runsPerSecond();
        return rate <= 0 ? null : Duration.ofMillis(Math.round((planned - finished) / rate * 1000));
    }
}
