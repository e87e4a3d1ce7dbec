package dev.framewise.engine.torch;

import java.nio.file.Path;
import java.util.function.DoubleSupplier;

/**
 * libtorch's operator profiler (the autograd profiler, through DJL): every operator the calling thread runs between
 * {@link #start()} and {@link #stopInto} is recorded with its start and duration, TorchScript programs' operators
 * included, and written as a Chrome trace (JSON). What {@code bench prefill --profile} splits the prefill's time
 * with. Operators run on other threads are not recorded, so start, the work and stop go on one thread.
 */
public final class TorchProfiler {
    private TorchProfiler() {
    }

    /** Starts recording on the CPU, without shapes or memory (they slow every operator). */
    public static void start() {
        TorchValue.startProfile();
    }

    /** Stops recording and writes the trace to {@code trace}. */
    public static void stopInto(Path trace) {
        TorchValue.stopProfile(trace.toAbsolutePath().toString());
    }

    /** Runs {@code work} on this thread under the profiler, writes its trace to {@code trace}, returns its value. */
    public static double record(Path trace, DoubleSupplier work) {
        start();
        try {
            return work.getAsDouble();
        } finally {
            stopInto(trace);
        }
    }
}
