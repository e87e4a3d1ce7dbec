package dev.framewise.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.InferenceBackend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch's jobs against one backend and appends one line per run to a {@link ResultLog}: the job's
 * {@code describe()} fields, {@code key}, {@code status} ("ok" with the run's fields, or "failed" with
 * {@code error}) and {@code finished_at}. Rows whose key is already done are skipped, failed ones too unless
 * {@code retryFailed}; a failing row is written and the batch goes on. Jobs run grouped by media (stable), with up
 * to {@code concurrency} in flight: 1 for an embedded model, which runs one generation at a time anyway, more
 * against a server. Cancelling stops at the next token; runs cut short are not written, so they run next time.
 */
public final class BatchRunner {
    private final InferenceBackend backend;
    private final ResultLog log;
    private final int concurrency;
    private final boolean retryFailed;
    private final BatchListener listener;

    public BatchRunner(InferenceBackend backend, ResultLog log, int concurrency, boolean retryFailed, BatchListener listener) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        this.backend = backend;
        this.log = log;
        this.concurrency = concurrency;
        this.retryFailed = retryFailed;
        this.listener = listener;
    }

    /** The jobs to run, grouped by media in first-appearance order, without duplicates or rows already settled. */
    List<BatchJob> plan(List<BatchJob> jobs) {
        List<String> mediaOrder = new ArrayList<>();
        for (BatchJob job : jobs) {
            String media = job.media().toString();
            if (!mediaOrder.contains(media)) mediaOrder.add(media);
        }
        List<BatchJob> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparingInt(job -> mediaOrder.indexOf(job.media().toString())));
        Set<String> seen = new HashSet<>();
        List<BatchJob> pending = new ArrayList<>();
        for (BatchJob job : sorted) {
            if (!seen.add(job.key())) continue;
            String status = log.status(job.key());
            if (ResultLog.OK.equals(status) || ResultLog.FAILED.equals(status) && !retryFailed) continue;
            pending.add(job);
        }
        return pending;
    }

    public BatchSummary run(List<BatchJob> jobs, CancellationToken cancel) {
        long start = System.nanoTime();
        List<BatchJob> pending = plan(jobs);
        int skipped = jobs.size() - pending.size();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Tally tally = new Tally(pending.size(), start);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "framewise-batch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (BatchJob job : pending) {
                futures.add(pool.submit(() -> {
                    if (cancel.isCancelled()) return;
                    runOne(job, cancel, tally, done, failed);
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    cancel.cancel();
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int left = pending.size() - done.get() - failed.get();
        return new BatchSummary(jobs.size(), done.get(), skipped, failed.get(), left,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void runOne(BatchJob job, CancellationToken cancel, Tally tally, AtomicInteger done, AtomicInteger failed) {
        BatchJob.Outcome outcome;
        try {
            outcome = job.run(backend, cancel);
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) return;
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            ObjectNode line = line(job, ResultLog.FAILED);
            line.put("error", message);
            synchronized (tally) {
                log.append(line);
                failed.incrementAndGet();
                listener.onFailed(job, safeRequest(job), message, tally.next(true));
            }
            return;
        }
        if (cancel.isCancelled() || outcome.result() != null && outcome.result().finishReason() == FinishReason.CANCELLED) {
            return;
        }
        ObjectNode line = line(job, ResultLog.OK);
        line.setAll(outcome.fields());
        synchronized (tally) {
            log.append(line);
            done.incrementAndGet();
            listener.onDone(job, outcome, tally.next(false));
        }
    }

    private static dev.framewise.engine.api.GenerationRequest safeRequest(BatchJob job) {
        try {
            return job.request();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ObjectNode line(BatchJob job, String status) {
        ObjectNode line = ResultJson.MAPPER.createObjectNode();
        line.put("key", job.key());
        line.put("status", status);
        line.setAll(job.describe());
        line.put("finished_at", Instant.now().toString());
        return line;
    }

    /** Counts for progress; guarded by its own monitor, which also orders listener calls and appends. */
    private static final class Tally {
        private final int planned;
        private final long start;
        private int finished;
        private int failed;

        Tally(int planned, long start) {
            this.planned = planned;
            this.start = start;
        }

        BatchProgress next(boolean failure) {
            finished++;
            if (failure) failed++;
            return new BatchProgress(finished, failed, planned, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
