package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.batch.BatchJob;
import dev.framewise.engine.batch.BatchListener;
import dev.framewise.engine.batch.BatchRunner;
import dev.framewise.engine.batch.BatchSummary;
import dev.framewise.engine.batch.ModelIdentity;
import dev.framewise.engine.batch.ResultLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a benchmark folder's questions through a backend as a resumable batch into {@code OUTDIR/answers.jsonl},
 * then scores the latest answer of every question and writes {@code report.md}, {@code report.html} and
 * {@code summary.json} next to it.
 */
public final class Evaluation {
    public static final String ANSWERS = "answers.jsonl";

    /** What a run gave: the batch's counts, the scores, and the report (already written). */
    public record Outcome(BatchSummary batch, EvalScores scores, EvalReport report) {
    }

    private Evaluation() {
    }

    public static Outcome run(BenchmarkFolder.Contents contents, EvalProtocol protocol, AnswerStyle style, ModelIdentity model,
                              InferenceBackend backend, Path outDir, int concurrency, boolean retryFailed,
                              BatchListener listener, CancellationToken cancel) {
        List<EvalJob> jobs = new ArrayList<>();
        for (EvalTask task : contents.tasks()) jobs.add(new EvalJob(task, protocol, style, model));
        BatchSummary summary;
        Map<String, ObjectNode> latest;
        try (ResultLog log = ResultLog.open(outDir.resolve(ANSWERS))) {
            summary = new BatchRunner(backend, log, concurrency, retryFailed, listener).run(new ArrayList<BatchJob>(jobs), cancel);
            latest = log.latest();
        }
        Map<String, ObjectNode> byQuestion = new LinkedHashMap<>();
        List<ObjectNode> scored = new ArrayList<>();
        for (EvalJob job : jobs) {
            ObjectNode line = latest.get(job.key());
            if (line == null) continue;
            byQuestion.put(job.task().questionId(), line);
            if (ResultLog.OK.equals(line.path("status").asText())) scored.add(line);
        }
        EvalScores scores = EvalScores.of(contents.datasets(), contents.tasks(), byQuestion);
        EvalReport report = new EvalReport(scores, model.name(), protocol.mode(), scored);
        write(outDir.resolve("report.md"), report.markdown());
        write(outDir.resolve("report.html"), report.html());
        write(outDir.resolve("summary.json"), report.summary().toPrettyString() + "\n");
        return new Outcome(summary, scores, report);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("Cannot write " + file + " (" + e.getMessage() + "); check the folder's permissions", e);
        }
    }
}
