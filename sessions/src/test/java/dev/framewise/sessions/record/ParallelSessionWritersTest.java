package dev.framewise.sessions.record;

import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several processes recording into one session file at once (parallel {@code ask --session}) lose no run. */
@Timeout(180)
class ParallelSessionWritersTest {
    private static final int WRITERS = 5;
    private static final int RUNS_EACH = 4;

    @Test
    void everyRunOfEveryProcessIsInTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.framewise");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ParallelRecordMain.class.getName(), file.toString(),
                    Integer.toString(w), Integer.toString(RUNS_EACH))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + w + ".log").toFile()).start());
        }
        for (int w = 0; w < WRITERS; w++) {
            Process p = writers.get(w);
            boolean done = p.waitFor(150, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            assertThat(done).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("writer-" + w + ".log"))).isZero();
        }
        Session session = new FileSessionStore(dir).load(file);
        List<String> expected = IntStream.range(0, WRITERS).boxed()
                .flatMap(w -> IntStream.range(0, RUNS_EACH).mapToObj(i -> "writer " + w + " run " + i)).toList();
        assertThat(session.runs()).extracting(Run::error).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new File(dir.toFile(), ".shared.framewise.lock")).exists();
    }
}
