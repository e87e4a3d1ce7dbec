package dev.framewise.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.PromptConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BatchRunner} over generated images and a scripted backend: lines, resume, failures, concurrency, cancel. */
class BatchRunnerTest {
    private static final GenerationParams PARAMS = new GenerationParams(64, 0, 1, 0, 1, 7L, List.of(), false, 0, false);
    private static final ModelIdentity MODEL = ModelIdentity.remote("http://localhost:1/v1", "scripted");

    static Path image(Path dir, String name, int shade) throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) for (int x = 0; x < 32; x++) image.setRGB(x, y, shade * 0x010101 + x);
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** Answers "NAME says QUESTION". */
    static ScriptedBackend echo(long delayMillis) {
        return new ScriptedBackend(r -> ScriptedBackend.mediaName(r) + " says " + ScriptedBackend.userText(r)
                .lines().findFirst().orElse(""), delayMillis);
    }

    private static List<BatchJob> jobs(List<BatchRow> rows) {
        List<BatchJob> jobs = new ArrayList<>();
        for (BatchRow row : rows) jobs.add(new AskJob(row, BatchInput.params(row, PARAMS), MODEL, false));
        return jobs;
    }

    private static BatchSummary run(ScriptedBackend backend, Path out, List<BatchJob> jobs, int concurrency, boolean retry) {
        try (ResultLog log = ResultLog.open(out)) {
            return new BatchRunner(backend, log, concurrency, retry, BatchListener.NONE).run(jobs, new CancellationToken());
        }
    }

    @Test
    void everyFileTimesEveryQuestionIsOneLineAndARerunSkipsThemAll(@TempDir Path dir) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        image(media, "b.png", 10);
        image(media, "a.png", 200);
        Path out = dir.resolve("out.jsonl");
        List<BatchRow> rows = BatchInput.folder(media, List.of("What is red?", "What moved?"), null, false, null, null);
        ScriptedBackend backend = echo(0);

        BatchSummary first = run(backend, out, jobs(rows), 1, false);

        assertThat(first).extracting(BatchSummary::rows, BatchSummary::done, BatchSummary::skipped, BatchSummary::failed)
                .containsExactly(4, 4, 0, 0);
        List<ObjectNode> lines = ResultLog.readLines(out);
        assertThat(lines).extracting(l -> l.get("answer").asText()).containsExactly(
                "a.png says What is red?", "a.png says What moved?", "b.png says What is red?", "b.png says What moved?");
        ObjectNode line = lines.get(0);
        assertThat(line.get("status").asText()).isEqualTo("ok");
        assertThat(line.get("key").asText()).hasSize(64);
        assertThat(line.get("media").asText()).isEqualTo(media.resolve("a.png").toString());
        assertThat(line.get("media_sha256").asText()).hasSize(64);
        assertThat(line.get("question").asText()).isEqualTo("What is red?");
        assertThat(line.get("model_name").asText()).isEqualTo("scripted");
        assertThat(line.get("model").asText()).isEqualTo("scripted-model");
        assertThat(line.get("parameters").toString()).isEqualTo("{\"max_tokens\":64,\"temperature\":0.0,\"top_p\":1.0,"
                + "\"top_k\":0,\"repetition_penalty\":1.0,\"seed\":7,\"system\":null,\"reasoning_format\":false,"
                + "\"prompt_convention\":\"cosmos-reason1\"}");
        assertThat(line.get("seed").asLong()).isEqualTo(7);
        assertThat(line.get("timings").get("prompt_tokens").asInt()).isEqualTo(10);
        assertThat(line.get("finish_reason").asText()).isEqualTo("eos");
        assertThat(line.has("tokens")).isFalse();

        BatchSummary second = run(backend, out, jobs(rows), 1, false);
        assertThat(second).extracting(BatchSummary::done, BatchSummary::skipped).containsExactly(0, 4);
        assertThat(backend.requests).hasSize(4);
        assertThat(ResultLog.readLines(out)).hasSize(4);
    }

    @Test
    void aChangedParameterOrModelIsANewRun(@TempDir Path dir) throws IOException {
        Path file = image(dir, "a.png", 1);
        BatchRow row = BatchRow.of(file, "Q?", null, true, null, null);
        String key = new AskJob(row, PARAMS, MODEL, false).key();
        assertThat(new AskJob(row, PARAMS, MODEL, false).key()).isEqualTo(key);
        assertThat(new AskJob(row, PARAMS.withSeed(8L), MODEL, false).key()).isNotEqualTo(key);
        assertThat(new AskJob(row, PARAMS, ModelIdentity.remote("http://localhost:1/v1", "other"), false).key()).isNotEqualTo(key);
        assertThat(new AskJob(BatchRow.of(file, "Q2?", null, true, null, null), PARAMS, MODEL, false).key()).isNotEqualTo(key);
        image(dir, "a.png", 2); // same name, new content
        assertThat(new AskJob(row, PARAMS, MODEL, false).key()).isNotEqualTo(key);
    }

    @Test
    void aFailingFileIsRecordedTheBatchGoesOnAndRetryFailedRunsOnlyIt(@TempDir Path dir) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        image(media, "a.png", 1);
        Files.writeString(media.resolve("b.mp4"), "corrupt bytes");
        image(media, "c.png", 3);
        Path out = dir.resolve("out.jsonl");
        List<BatchRow> rows = BatchInput.folder(media, List.of("Q?"), null, true, null, null);
        ScriptedBackend backend = echo(0);

        BatchSummary first = run(backend, out, jobs(rows), 1, false);
        assertThat(first).extracting(BatchSummary::done, BatchSummary::failed).containsExactly(2, 1);
        ObjectNode failed = ResultLog.readLines(out).get(1);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isEqualTo("b.mp4: not a video FFmpeg can decode");
        assertThat(failed.get("media").asText()).endsWith("b.mp4");

        assertThat(run(backend, out, jobs(rows), 1, false)).extracting(BatchSummary::done, BatchSummary::skipped,
                BatchSummary::failed).containsExactly(0, 3, 0);

        Files.writeString(media.resolve("b.mp4"), "now a good clip");
        BatchSummary retried = run(backend, out, jobs(rows), 1, true);
        // the new bytes are a new key: the old failure stays in the file, the row runs as new
        assertThat(retried).extracting(BatchSummary::done, BatchSummary::skipped, BatchSummary::failed).containsExactly(1, 2, 0);
        assertThat(ResultLog.readLines(out)).hasSize(4);
    }

    @Test
    void retryFailedRunsAgainARowThatFailedOnTheServer(@TempDir Path dir) throws IOException {
        Path file = image(dir, "a.png", 1);
        Path out = dir.resolve("out.jsonl");
        AtomicInteger calls = new AtomicInteger();
        ScriptedBackend flaky = new ScriptedBackend(r -> {
            if (calls.incrementAndGet() == 1) throw new dev.framewise.engine.api.EngineException("server said 503");
            return "fine";
        }, 0);
        List<BatchJob> jobs = jobs(List.of(BatchRow.of(file, "Q?", null, true, null, null)));
        assertThat(run(flaky, out, jobs, 1, false).failed()).isEqualTo(1);
        assertThat(run(flaky, out, jobs, 1, false).skipped()).isEqualTo(1);
        assertThat(run(flaky, out, jobs, 1, true).done()).isEqualTo(1);
        assertThat(ResultLog.readLines(out)).extracting(l -> l.get("status").asText()).containsExactly("failed", "ok");
        assertThat(ResultLog.readLines(out).get(1).get("key")).isEqualTo(ResultLog.readLines(out).get(0).get("key"));
    }

    @Test
    void aLineCutShortByAKillIsIgnoredAndTheNextLineStartsFresh(@TempDir Path dir) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        image(media, "a.png", 1);
        image(media, "b.png", 2);
        Path out = dir.resolve("out.jsonl");
        List<BatchRow> rows = BatchInput.folder(media, List.of("Q?"), null, true, null, null);
        run(echo(0), out, jobs(rows), 1, false);
        String text = Files.readString(out);
        int secondLine = text.indexOf('\n') + 1;
        Files.writeString(out, text.substring(0, secondLine + 30)); // killed in the middle of writing line 2

        BatchSummary resumed = run(echo(0), out, jobs(rows), 1, false);

        assertThat(resumed).extracting(BatchSummary::done, BatchSummary::skipped).containsExactly(1, 1);
        List<String> fileLines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(fileLines).hasSize(3);
        assertThat(ResultLog.readLines(out)).extracting(l -> l.get("answer").asText())
                .containsExactly("a.png says Q?", "b.png says Q?");
    }

    @Test
    void severalRequestsInFlightAgainstAServerAndEveryLineComplete(@TempDir Path dir) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        for (int i = 0; i < 8; i++) image(media, "m" + i + ".png", i);
        Path out = dir.resolve("out.jsonl");
        ScriptedBackend backend = echo(150);
        BatchSummary summary = run(backend, out, jobs(BatchInput.folder(media, List.of("Q?"), null, true, null, null)), 4, false);
        assertThat(summary.done()).isEqualTo(8);
        assertThat(backend.maxInFlight()).isEqualTo(4);
        assertThat(Files.readAllLines(out)).hasSize(8);
        assertThat(ResultLog.readLines(out)).hasSize(8);
    }

    @Test
    void rowsRunGroupedByMediaSoOneClipsQuestionsFollowEachOther(@TempDir Path dir) throws IOException {
        Path a = image(dir, "a.png", 1);
        Path b = image(dir, "b.png", 2);
        List<BatchRow> rows = List.of(BatchRow.of(a, "1", null, true, null, null), BatchRow.of(b, "2", null, true, null, null),
                BatchRow.of(a, "3", null, true, null, null), BatchRow.of(b, "4", null, true, null, null));
        ScriptedBackend backend = echo(0);
        run(backend, dir.resolve("out.jsonl"), jobs(rows), 1, false);
        assertThat(backend.requests).extracting(r -> ScriptedBackend.userText(r).lines().findFirst().orElseThrow())
                .containsExactly("1", "3", "2", "4");
    }

    @Test
    void cancellingLeavesAValidFileAndTheRestRunsNextTime(@TempDir Path dir) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        for (int i = 0; i < 5; i++) image(media, "m" + i + ".png", i);
        Path out = dir.resolve("out.jsonl");
        List<BatchRow> rows = BatchInput.folder(media, List.of("Q?"), null, true, null, null);
        CancellationToken cancel = new CancellationToken();
        BatchListener stopAfterTwo = new BatchListener() {
            @Override
            public void onDone(BatchJob job, GenerationRequest request, GenerationResult result, BatchProgress p) {
                if (p.finished() == 2) cancel.cancel();
            }
        };
        BatchSummary stopped;
        try (ResultLog log = ResultLog.open(out)) {
            stopped = new BatchRunner(echo(20), log, 1, false, stopAfterTwo).run(jobs(rows), cancel);
        }
        assertThat(stopped).extracting(BatchSummary::done, BatchSummary::cancelled).containsExactly(2, 3);
        assertThat(Files.readAllLines(out)).hasSize(2);

        assertThat(run(echo(0), out, jobs(rows), 1, false)).extracting(BatchSummary::done, BatchSummary::skipped)
                .containsExactly(3, 2);
    }

    @Test
    void aQwen3VlModelIsAskedWithCosmosReason2sConvention(@TempDir Path dir) throws IOException {
        BatchRow row = BatchRow.of(image(dir, "a.png", 1), "Q?", null, true, null, null);
        AskJob reason2 = new AskJob(row, PARAMS, MODEL, false, PromptConvention.COSMOS_REASON2);
        assertThat(reason2.request().messages()).isEqualTo(PromptConvention.COSMOS_REASON2.question(
                List.of(dev.framewise.engine.api.ContentPart.Image.of(row.media())), "Q?", true, null));
        assertThat(reason2.describe().get("parameters").get("prompt_convention").asText()).isEqualTo("cosmos-reason2");
        assertThat(reason2.key()).isNotEqualTo(new AskJob(row, PARAMS, MODEL, false).key());
        assertThat(new AskJob(row, PARAMS, MODEL, false).request().messages()).isEqualTo(dev.framewise.engine.text.CosmosPrompt
                .question(List.of(dev.framewise.engine.api.ContentPart.Image.of(row.media())), "Q?", true, null));
    }

    @Test
    void progressCountsRateAndEta() {
        BatchProgress p = new BatchProgress(3, 1, 12, java.time.Duration.ofSeconds(6));
        assertThat(p.runsPerSecond()).isEqualTo(0.5);
        assertThat(p.eta()).isEqualTo(java.time.Duration.ofSeconds(18));
        assertThat(new BatchProgress(0, 0, 12, java.time.Duration.ofSeconds(1)).eta()).isNull();
    }
}
