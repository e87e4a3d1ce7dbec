package dev.framewise.sessions.store.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schema 1 → 2. Schema 1 (the first workbench) kept a session {@code name}, epoch-millisecond
 * {@code created_at}/{@code updated_at}, media as {@code file}/{@code bytes} with the probe fields inline,
 * and runs flat: {@code prompt}, {@code system}, {@code max_new_tokens}, the model as a name plus
 * {@code model_path}, frames as {@code {index, time}}, only the raw {@code output}, a {@code cancelled} flag,
 * and a numeric rating (1, 0, -1). Schema 1 only had the embedded engine and always applied the
 * Cosmos-Reason format, so those are filled in; reasoning and answer are split out of the raw output.
 */
final class MigrationV1ToV2 implements SchemaMigration {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern THINK = Pattern.compile("<think>(.*?)(?:</think>|$)", Pattern.DOTALL);
    private static final Pattern ANSWER = Pattern.compile("<answer>(.*?)(?:</answer>|$)", Pattern.DOTALL);

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public ObjectNode migrate(ObjectNode v1) {
        ObjectNode v2 = JSON.objectNode();
        v2.set("id", v1.get("id"));
        v2.set("title", v1.path("name").isMissingNode() ? JSON.textNode("") : v1.get("name"));
        v2.put("created", instant(v1.path("created_at")));
        v2.put("modified", instant(v1.has("updated_at") ? v1.get("updated_at") : v1.path("created_at")));
        ArrayNode media = v2.putArray("media");
        String firstVideoId = null;
        for (JsonNode m : v1.path("media")) {
            ObjectNode item = media.addObject();
            item.set("id", m.get("id"));
            item.set("path", m.get("file"));
            item.put("size_bytes", m.path("bytes").asLong());
            item.set("sha256", m.get("sha256"));
            if (m.has("width")) {
                boolean video = m.path("fps").asDouble() > 0;
                if (video && firstVideoId == null) firstVideoId = m.path("id").asText();
                ObjectNode probe = item.putObject("probe");
                probe.put("kind", video ? "video" : "image");
                probe.put("duration_seconds", m.path("duration").asDouble());
                probe.put("fps", m.path("fps").asDouble());
                probe.put("width", m.path("width").asInt());
                probe.put("height", m.path("height").asInt());
                probe.put("frame_count", video ? Math.round(m.path("duration").asDouble() * m.path("fps").asDouble()) : 1);
            }
        }
        ArrayNode runs = v2.putArray("runs");
        for (JsonNode r : v1.path("runs")) runs.add(run(r, firstVideoId));
        return v2;
    }

    private static ObjectNode run(JsonNode r, String videoId) {
        ObjectNode run = JSON.objectNode();
        run.set("id", r.get("id"));
        run.put("created", instant(r.path("timestamp")));
        ObjectNode prompt = run.putObject("prompt");
        prompt.set("question", r.get("prompt"));
        prompt.set("system_prompt", r.path("system").isMissingNode() ? JSON.nullNode() : r.get("system"));
        prompt.putNull("template_name");
        prompt.putNull("template_text");
        prompt.put("reasoning_format", true);
        run.set("media_ids", r.path("media").isArray() ? r.get("media") : JSON.arrayNode());
        run.set("params", params(r.path("params")));
        run.set("sampling", sampling(r.path("frames"), videoId));
        ObjectNode model = run.putObject("model");
        model.set("name", r.get("model"));
        model.set("location", r.path("model_path").isMissingNode() ? JSON.nullNode() : r.get("model_path"));
        model.putNull("fingerprint");
        run.put("backend", "embedded");
        String error = r.path("error").isTextual() ? r.get("error").asText() : null;
        boolean cancelled = r.path("cancelled").asBoolean(false);
        if (r.path("output").isTextual()) run.set("outcome", outcome(r.get("output").asText(), cancelled));
        run.put("status", error != null ? "failed" : cancelled ? "cancelled" : "complete");
        run.put("error", error);
        ObjectNode curation = run.putObject("curation");
        curation.put("notes", r.path("notes").asText(""));
        curation.set("tags", r.path("tags").isArray() ? r.get("tags") : JSON.arrayNode());
        int rating = r.path("rating").asInt(0);
        curation.put("rating", rating > 0 ? "up" : rating < 0 ? "down" : "none");
        return run;
    }

    private static ObjectNode params(JsonNode p) {
        ObjectNode params = JSON.objectNode();
        params.put("max_tokens", p.path("max_new_tokens").asInt(4096));
        params.put("temperature", p.path("temperature").asDouble(0.6));
        params.put("top_p", p.path("top_p").asDouble(0.95));
        params.put("top_k", p.path("top_k").asInt(0));
        params.put("repetition_penalty", p.path("repetition_penalty").asDouble(1.05));
        params.set("seed", p.path("seed").isIntegralNumber() ? p.get("seed") : JSON.nullNode());
        params.putArray("stop");
        params.put("ignore_eos", false);
        params.put("top_logprobs", 0);
        params.put("evidence", false);
        return params;
    }

    private static JsonNode sampling(JsonNode frames, String videoId) {
        if (!frames.isArray() || frames.isEmpty()) return JSON.nullNode();
        ObjectNode sampling = JSON.objectNode();
        sampling.put("media_id", videoId);
        for (String option : new String[] {"fps", "nframes", "min_pixels", "max_pixels", "total_pixels",
                "video_start", "video_end", "resized_width", "resized_height"}) {
            sampling.putNull(option);
        }
        ArrayNode out = sampling.putArray("frames");
        for (JsonNode f : frames) {
            out.addObject().put("index", f.path("index").asLong()).put("timestamp_seconds", f.path("time").asDouble());
        }
        return sampling;
    }

    /** Schema 1 kept only the raw text: split it as the reasoning parser does (tags may be missing or unclosed). */
    private static ObjectNode outcome(String text, boolean cancelled) {
        Matcher think = THINK.matcher(text);
        Matcher answer = ANSWER.matcher(text);
        String reasoning = think.find() ? think.group(1).strip() : "";
        String answerText;
        if (answer.find()) {
            answerText = answer.group(1).strip();
        } else {
            int end = text.indexOf("</think>");
            answerText = end >= 0 ? text.substring(end + "</think>".length()).strip()
                    : reasoning.isEmpty() ? text.strip() : "";
        }
        ObjectNode outcome = JSON.objectNode();
        outcome.put("reasoning", reasoning);
        outcome.put("answer", answerText);
        outcome.put("text", text);
        outcome.put("finish_reason", cancelled ? "cancelled" : null);
        outcome.putArray("tokens");
        outcome.putArray("frame_evidence");
        outcome.putNull("timings");
        return outcome;
    }

    private static String instant(JsonNode epochMillis) {
        return Instant.ofEpochMilli(epochMillis.asLong()).toString();
    }
}
