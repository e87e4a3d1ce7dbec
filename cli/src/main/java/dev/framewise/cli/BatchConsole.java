package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.batch.BatchJob;
import dev.framewise.engine.batch.BatchListener;
import dev.framewise.engine.batch.BatchProgress;

import java.io.PrintWriter;

/**
 * A batch of runs on the terminal ({@code batch}, {@code eval}): its progress on one stderr line, each failure
 * printed as it happens, and Ctrl-C stopping the runs in flight ({@link CtrlC}) so the results file ends on a
 * complete line.
 */
final class BatchConsole {

    /** The batch itself, given the listener to report to and the token Ctrl-C cancels. */
    interface Work<T> {
        T run(BatchListener listener, CancellationToken cancel);
    }

    private BatchConsole() {
    }

    /** Runs {@code work}; {@code also} hears every finished run too (a session recorder), before the line moves on. */
    static <T> T run(PrintWriter err, BatchListener also, Work<T> work) {
        BatchProgressLine progress = new BatchProgressLine(err, System.console() != null);
        BatchListener listener = new BatchListener() {
            @Override
            public void onDone(BatchJob job, BatchJob.Outcome outcome, BatchProgress p) {
                also.onDone(job, outcome, p); // with the run's cost estimate (batch records it in the session)
                progress.show(p);
            }

            @Override
            public void onFailed(BatchJob job, GenerationRequest request, String message, BatchProgress p) {
                progress.finish();
                err.println("framewise: " + job + ": " + message);
                also.onFailed(job, request, message, p);
                progress.show(p);
            }
        };
        CancellationToken cancel = new CancellationToken();
        Thread hook = CtrlC.cancelOnInterrupt(cancel);
        try {
            return work.run(listener, cancel);
        } finally {
            CtrlC.finished(hook);
            progress.finish();
        }
    }
}
