package dev.framewise.cli;

import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench serve} reports the tail of the time to first token (p50, p95, p99 and max), not only its middle. */
@Timeout(300)
class ServeBenchReportTest {
    @Test
    void reportsP50P95P99AndMaxOnTheTinyModel() {
        AskCommandTest.Run run = AskCommandTest.ask("bench", "serve", "--model", TinyModel.dir().toString(), "--clients",
                Integer.getInteger("bench.clients", 4).toString(), "--requests", Integer.getInteger("bench.requests", 8).toString(),
                "--max-tokens", "8", "--dtype", "fp32", "--device", "cpu");
        System.out.println(run.out());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("time to first token: p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms")
                .containsPattern("outputs equal to the single-client answer: (\\d+) of \\1");
    }
}
