package dev.framewise.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.estimate.CostEstimateJson;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.media.MediaException;
import dev.framewise.engine.media.MediaTypes;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One {@code framewise batch} row: a question about one image or video, asked as {@code framewise ask --prompt}
 * asks it (the model family's prompt convention; videos at its fps under its pixel budget unless the row says
 * otherwise). Its key hashes the media's content, the prompt, the parameters (the convention's name among them)
 * and the model.
 */
public final class AskJob implements BatchJob {

    private final BatchRow row;
    private final GenerationParams params;
    private final ModelIdentity model;
    private final boolean tokens;
    private final PromptConvention convention;
    private final RunEstimator estimator;
    private String key;
    private String mediaHash;

    /** A row asked with Cosmos-Reason1's prompt convention. */
    public AskJob(BatchRow row, GenerationParams params, ModelIdentity model, boolean tokens) {
        this(row, params, model, tokens, PromptConvention.COSMOS_REASON1);
    }

    /**
     * @param tokens     whether lines carry the prompt token ids and each generated token with its logprobs
     * @param convention the model family's prompt convention, as {@code ask --prompt} applies it
     */
    public AskJob(BatchRow row, GenerationParams params, ModelIdentity model, boolean tokens,
                  PromptConvention convention) {
        this(row, params, model, tokens, convention, RunEstimator.NONE);
    }

    /** @param estimator estimates each run before it (written as the line's {@code estimate}) and learns from it */
    public AskJob(BatchRow row, GenerationParams params, ModelIdentity model, boolean tokens,
                  PromptConvention convention, RunEstimator estimator) {
        this.estimator = estimator;
        this.row = row;
        this.params = params;
        this.model = model;
        this.tokens = tokens;
        this.convention = convention;
    }

    public BatchRow row() {
        return row;
    }

    @Override
    public Path media() {
        return row.media();
    }

    /** The SHA-256 of the media's bytes, or null when the file cannot be read (the run then fails with why). */
    private synchronized String mediaHash() {
        if (mediaHash == null) {
            try {
                mediaHash = ContentHash.of(row.media());
            } catch (MediaException e) {
                return null;
            }
        }
        return mediaHash;
    }

    @Override
    public synchronized String key() {
        if (key == null) {
            String hash = mediaHash();
            String content = String.join("\n", hash != null ? hash : "unreadable:" + row.media().toAbsolutePath(),
                    row.question(), String.valueOf(row.system()), Boolean.toString(row.reasoningFormat()),
                    String.valueOf(row.fps()), String.valueOf(row.nframes()), parameters().toString(), model.keyPart());
            key = ContentHash.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return key;
    }

    boolean isImage() {
        String name = row.media().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return MediaTypes.ofExtension(extension).map(type -> type.startsWith("image/")).orElse(false);
    }

    @Override
    public GenerationRequest request() {
        ContentPart part = isImage() ? convention.image(row.media(), null, null)
                : convention.video(row.media(), row.fps(), row.nframes(), null, null, null, null);
        return new GenerationRequest(convention.question(List.of(part), row.question(), row.reasoningFormat(),
                row.system()), params);
    }

    @Override
    public ObjectNode describe() {
        ObjectNode line = ResultJson.MAPPER.createObjectNode();
        line.put("media", row.media().toString());
        line.put("media_sha256", mediaHash());
        line.put("question", row.question());
        if (row.id() != null) line.put("id", row.id());
        line.put("model_name", model.name());
        line.put("model_location", model.location());
        line.put("model_fingerprint", model.fingerprint());
        line.set("parameters", parameters());
        return line;
    }

    private ObjectNode parameters() {
        ObjectNode p = ResultJson.MAPPER.createObjectNode();
        p.put("max_tokens", params.maxTokens()).put("temperature", params.temperature()).put("top_p", params.topP())
                .put("top_k", params.topK()).put("repetition_penalty", params.repetitionPenalty());
        // only when set, so that result files written before these penalties existed keep their resume keys
        if (params.presencePenalty() != 0) p.put("presence_penalty", params.presencePenalty());
        if (params.frequencyPenalty() != 0) p.put("frequency_penalty", params.frequencyPenalty());
        if (params.seed() == null) p.putNull("seed"); else p.put("seed", params.seed());
        if (!isImage()) {
            if (row.nframes() != null) p.put("nframes", row.nframes());
            else p.put("fps", row.fps() == null ? convention.video().fps() : row.fps());
        }
        p.put("system", row.system());
        p.put("reasoning_format", row.reasoningFormat());
        p.put("prompt_convention", convention.name().toLowerCase(Locale.ROOT));
        return p;
    }

    @Override
    public Outcome run(InferenceBackend backend, CancellationToken cancel) {
        GenerationRequest request = request();
        CostEstimate estimate = estimator.before(backend, request);
        GenerationResult result = backend.generate(request, GenerationListener.NONE, cancel);
        ObjectNode fields = ResultJson.of(result, tokens);
        if (estimate != null && result.finishReason() != FinishReason.CANCELLED) {
            estimator.after(request, result.timings());
            fields.set("estimate", CostEstimateJson.estimate(estimate)); // beside "timings": estimate against actual
        }
        return new Outcome(request, result, fields, estimate);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s", row.media().getFileName(), row.question());
    }
}
