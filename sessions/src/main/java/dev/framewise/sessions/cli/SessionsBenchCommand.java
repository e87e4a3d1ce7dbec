package dev.framewise.sessions.cli;

import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code framewise sessions bench}: save and load time and file size of a large session (by default 1,000
 * runs of 500 tokens with 5 alternatives each). Warm-up rounds first, then the median and the best of the
 * measured rounds. A figure for notes, never a test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure atomic save and load time and the file size of a large session.")
final class SessionsBenchCommand extends SessionsSubcommand {

    @Option(names = "--runs", description = "Runs in the session (default ${DEFAULT-VALUE}).")
    int runs = 1000;

    @Option(names = "--tokens", description = "Tokens with log-probabilities per run (default ${DEFAULT-VALUE}).")
    int tokens = 500;

    @Option(names = "--alternatives", description = "Alternatives per token (default ${DEFAULT-VALUE}).")
    int alternatives = 5;

    @Option(names = "--rounds", description = "Measured rounds (default ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--warmup", description = "Warm-up rounds (default ${DEFAULT-VALUE}).")
    int warmup = 2;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the file (default: a temp folder, deleted after).")
    Path dir;

    @Override
    int execute() {
        Session session = SyntheticSession.of(runs, tokens, alternatives, 42);
        Path folder = dir;
        try {
            if (folder == null) folder = Files.createTempDirectory("framewise-sessions-bench");
            FileSessionStore store = new FileSessionStore(folder);
            Path file = store.fileFor(session);
            double[] save = new double[rounds];
            double[] load = new double[rounds];
            double[] saveCpu = new double[rounds];
            double[] loadCpu = new double[rounds];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < warmup + rounds; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                store.save(file, session);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                Session loaded = store.load(file);
                long t2 = System.nanoTime();
                long c2 = threads.getCurrentThreadCpuTime();
                if (loaded.runs().size() != runs) throw new IllegalStateException("the benchmark session did not round-trip");
                if (i >= warmup) {
                    save[i - warmup] = (t1 - t0) / 1e6;
                    load[i - warmup] = (t2 - t1) / 1e6;
                    saveCpu[i - warmup] = (c1 - c0) / 1e6;
                    loadCpu[i - warmup] = (c2 - c1) / 1e6;
                }
            }
            long size = Files.size(file);
            out().printf(Locale.ROOT, "session: %d runs x %d tokens x %d alternatives; %d warm-up + %d measured rounds%n",
                    runs, tokens, alternatives, warmup, rounds);
            // CPU time of this thread as well as wall time: on a busy machine the wall time mostly measures the others.
            out().printf(Locale.ROOT, "save (atomic, fsync, backup): median %.0f ms, best %.0f ms wall; median %.0f ms cpu%n",
                    median(save), min(save), median(saveCpu));
            out().printf(Locale.ROOT, "load (parse + bind):          median %.0f ms, best %.0f ms wall; median %.0f ms cpu%n",
                    median(load), min(load), median(loadCpu));
            out().printf(Locale.ROOT, "file size: %d bytes (%.1f MiB)%n", size, size / 1048576.0);
            if (dir == null) deleteTree(folder);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
