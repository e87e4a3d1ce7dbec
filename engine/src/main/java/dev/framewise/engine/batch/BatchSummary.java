package dev.framewise.engine.batch;

import java.time.Duration;

/**
 * What a batch did: {@code done} runs written as ok, {@code failed} written with their error, {@code skipped}
 * rows already done by an earlier invocation (or failed, without --retry-failed), {@code cancelled} rows left
 * for the next invocation because the batch was stopped.
 */
public record BatchSummary(int rows, int done, int skipped, int failed, int cancelled, Duration elapsed) {
}
