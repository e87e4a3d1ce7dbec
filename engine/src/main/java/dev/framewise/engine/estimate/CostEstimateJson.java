package dev.framewise.engine.estimate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.embedded.MediaPlan;
import dev.framewise.engine.store.Bytes;

import java.util.Locale;

/** The JSON shape of a cost estimate, as {@code framewise ask --dry-run --json} prints it. */
public final class CostEstimateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CostEstimateJson() {
    }

    /** {@code estimate} with the figures, {@code media} with each medium's plan, {@code calibration} with the rates used. */
    public static ObjectNode of(String model, CostEstimator.Planned planned, CostEstimator estimator) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", model);
        root.put("dry_run", true);
        root.set("estimate", estimate(planned.estimate()));
        ArrayNode media = root.putArray("media");
        for (MediaPlan m : planned.plan().media()) {
            ObjectNode item = media.addObject();
            item.put("kind", m.kind().name().toLowerCase(Locale.ROOT)).put("frames", m.frames());
            item.putArray("grid_thw").add(m.grid().t()).add(m.grid().h()).add(m.grid().w());
            item.put("patches", m.patches()).put("tokens", m.tokens()).put("resized_height", m.resizedHeight())
                    .put("resized_width", m.resizedWidth());
        }
        Rates r = estimator.rates();
        CalibrationKey key = estimator.key();
        root.putObject("calibration").put("family", key.family()).put("precision", key.precision().name()
                        .toLowerCase(Locale.ROOT)).put("device", key.device().name().toLowerCase(Locale.ROOT))
                .put("shape", key.shape()).put("runs", r.runs())
                .put("media_frames_per_second", r.mediaFramesPerSecond())
                .put("vision_patches_per_second", r.visionPatchesPerSecond())
                .put("prefill_tokens_per_second", r.prefillTokensPerSecond())
                .put("decode_tokens_per_second", r.decodeTokensPerSecond())
                .put("overhead_seconds", r.overheadSeconds());
        return root;
    }

    /** The figures of one estimate (also what a session's run records beside the actual timings). */
    public static ObjectNode estimate(CostEstimate e) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("frames", e.frames()).put("vision_patches", e.visionPatches()).put("vision_tokens", e.visionTokens())
                .put("prompt_tokens", e.promptTokens()).put("memory_bytes", e.memoryBytes())
                .put("weights_bytes", e.weightsBytes()).put("kv_cache_bytes", e.kvCacheBytes())
                .put("vision_activation_bytes", e.visionActivationBytes())
                .put("seconds_to_first_token", e.secondsToFirstToken()).put("media_seconds", e.mediaSeconds())
                .put("vision_seconds", e.visionSeconds()).put("prefill_seconds", e.prefillSeconds())
                .put("overhead_seconds", e.overheadSeconds())
                .put("decode_tokens_per_second", e.decodeTokensPerSecond())
                .put("calibrated_runs", e.calibratedRuns()).put("cached_media", e.cachedMedia())
                .put("reused_prompt_tokens", e.reusedPromptTokens());
        return out;
    }

    /** The estimate in words, a few lines for a terminal. */
    public static String text(String model, CostEstimate e) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: not run (--dry-run); this question would take%n", model));
        out.append(String.format(Locale.ROOT, "  frames         %,d%n", e.frames()));
        out.append(String.format(Locale.ROOT, "  vision tokens  %,d (%,d patches)%n", e.visionTokens(), e.visionPatches()));
        out.append(String.format(Locale.ROOT, "  prompt tokens  %,d%n", e.promptTokens()));
        out.append(String.format(Locale.ROOT, "  memory         about %s (weights %s, KV cache %s, vision %s)%n",
                Bytes.human(e.memoryBytes()),
                Bytes.human(e.weightsBytes()),
                Bytes.human(e.kvCacheBytes()),
                Bytes.human(e.visionActivationBytes())));
        out.append(String.format(Locale.ROOT, "  first token    about %s (media decode %s, vision encode %s, prefill %s, "
                        + "other %s), then about %.1f tokens/s%n", seconds(e.secondsToFirstToken()),
                seconds(e.mediaSeconds()), seconds(e.visionSeconds()), seconds(e.prefillSeconds()),
                seconds(e.overheadSeconds()), e.decodeTokensPerSecond()));
        out.append(e.calibratedRuns() == 0
                ? "  (times from a micro-benchmark of this machine; each real run refines them)"
                : String.format(Locale.ROOT, "  (times from rates measured on this machine, refined by %d run%s)",
                        e.calibratedRuns(), e.calibratedRuns() == 1 ? "" : "s"));
        return out.toString();
    }

    /** Seconds for people: {@code 0.42 s}, {@code 12 s}, {@code 2 min 5 s}. */
    public static String seconds(double s) {
        if (s < 10) return String.format(Locale.ROOT, "%.2g s", s);
        if (s < 120) return String.format(Locale.ROOT, "%.0f s", s);
        return String.format(Locale.ROOT, "%d min %d s", (long) s / 60, Math.round(s) % 60);
    }
}
