package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.batch.BatchJob;
import dev.framewise.engine.batch.ModelIdentity;
import dev.framewise.engine.batch.ResultJson;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.media.MediaException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One benchmark question as a batch row: asks it, parses the letter, and while the letter is empty asks again with
 * the retry sampling (evaluate.py run_model, up to max_retries more attempts), keeping the first response that has
 * one, else the first response. {@code is_correct} compares letters ignoring case, as upstream.
 */
public final class EvalJob implements BatchJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EvalTask task;
    private final EvalProtocol protocol;
    private final AnswerStyle style;
    private final ModelIdentity model;
    private String key;

    public EvalJob(EvalTask task, EvalProtocol protocol, AnswerStyle style, ModelIdentity model) {
        this.task = task;
        this.protocol = protocol;
        this.style = style;
        this.model = model;
    }

    public EvalTask task() {
        return task;
    }

    @Override
    public synchronized String key() {
        if (key == null) {
            String hash;
            try {
                hash = ContentHash.of(task.video());
            } catch (MediaException e) {
                hash = "unreadable:" + task.video().toAbsolutePath();
            }
            key = sha256(String.join("\n", task.questionId(), hash, EvalProtocol.SYSTEM_PROMPT, protocol.userText(task),
                    protocol.toString(), style.name(), model.keyPart()));
        }
        return key;
    }

    private static String sha256(String text) {
        return ContentHash.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Path media() {
        return task.video();
    }

    @Override
    public GenerationRequest request() {
        return new GenerationRequest(protocol.messages(task), protocol.params(0));
    }

    @Override
    public ObjectNode describe() {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("dataset", task.dataset());
        line.put("video_id", task.videoId());
        line.put("question_index", task.questionIndex());
        line.put("question_id", task.questionId());
        line.put("question", task.question());
        ObjectNode options = line.putObject("options");
        task.options().forEach(options::put);
        line.put("correct_answer", task.correctAnswer());
        line.put("media", task.video().toString());
        line.put("mode", protocol.mode().id());
        line.put("model_name", model.name());
        line.put("model_location", model.location());
        line.put("model_fingerprint", model.fingerprint());
        return line;
    }

    @Override
    public Outcome run(InferenceBackend backend, CancellationToken cancel) {
        GenerationRequest firstRequest = request();
        GenerationResult first = backend.generate(firstRequest, GenerationListener.NONE, cancel);
        AnswerParser.Parsed parsed = AnswerParser.parse(first.text(), protocol.mode(), style);
        GenerationRequest request = firstRequest;
        GenerationResult result = first;
        int attempts = 1;
        for (int retry = 1; parsed.answer().isEmpty() && retry <= protocol.maxRetries(); retry++) {
            if (cancel.isCancelled() || result.finishReason() == FinishReason.CANCELLED) break;
            GenerationRequest again = new GenerationRequest(firstRequest.messages(), protocol.params(retry));
            GenerationResult retried = backend.generate(again, GenerationListener.NONE, cancel);
            attempts++;
            AnswerParser.Parsed reparsed = AnswerParser.parse(retried.text(), protocol.mode(), style);
            if (!reparsed.answer().isEmpty()) {
                request = again;
                result = retried;
                parsed = reparsed;
            } else if (retried.finishReason() == FinishReason.CANCELLED) {
                result = retried;
            }
        }
        ObjectNode fields = ResultJson.of(result, false);
        fields.remove("text");
        fields.remove("reasoning");
        fields.remove("answer");
        fields.put("answer", parsed.answer());
        fields.put("reasoning", parsed.reasoning());
        fields.put("full_response", result.text());
        fields.put("is_correct", parsed.answer().toLowerCase(Locale.ROOT).equals(task.correctAnswer().toLowerCase(Locale.ROOT)));
        fields.put("attempts", attempts);
        fields.put("prompt", protocol.userText(task));
        return new Outcome(request, result, fields);
    }

    @Override
    public String toString() {
        return task.questionId();
    }
}
