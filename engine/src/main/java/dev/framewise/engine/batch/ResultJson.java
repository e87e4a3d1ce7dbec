package dev.framewise.engine.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.engine.reasoning.CoordinateSpace;
import dev.framewise.engine.reasoning.Grounding;
import dev.framewise.engine.reasoning.TemporalSegment;

import java.util.Locale;

/**
 * The JSON shape of one generation, as {@code framewise ask --json} prints it and as every line of
 * {@code framewise batch} and {@code framewise eval} carries it.
 */
public final class ResultJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {
    }

    /** @param tokens whether to include the prompt token ids and the generated tokens with their logprobs */
    public static ObjectNode of(GenerationResult r, boolean tokens) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", r.model());
        if (tokens) {
            ArrayNode promptIds = root.putArray("prompt_token_ids");
            for (int id : r.promptTokenIds()) promptIds.add(id);
            ArrayNode list = root.putArray("tokens");
            for (TokenEvent t : r.tokens()) {
                ObjectNode token = list.addObject();
                token.put("id", t.id()).put("text", t.text()).put("logprob", t.logprob());
                ArrayNode top = token.putArray("top");
                for (TokenEvent.TopLogprob alt : t.top()) top.addObject().put("id", alt.id()).put("logprob", alt.logprob());
            }
        }
        root.put("text", r.text());
        root.put("reasoning", r.reasoning());
        root.put("answer", r.answer());
        ArrayNode frames = root.putArray("frames");
        for (FrameRef f : r.frames()) frames.addObject().put("index", f.index()).put("timestamp_s", f.timestampSeconds());
        ArrayNode evidenceShares = root.putArray("frame_evidence"); // one share per frame group, in prompt order
        r.frameEvidence().forEach(evidenceShares::add);
        ArrayNode vision = root.putArray("vision");
        for (VisionGrid g : r.vision()) {
            ObjectNode item = vision.addObject().put("kind", g.kind().name().toLowerCase(Locale.ROOT));
            item.putArray("grid_thw").add(g.t()).add(g.h()).add(g.w());
            item.put("tokens", g.tokens()).put("resized_height", g.resizedHeight()).put("resized_width", g.resizedWidth());
        }
        Timings t = r.timings();
        root.putObject("timings").put("load_ms", t.loadMs()).put("preprocess_ms", t.preprocessMs())
                .put("media_ms", t.mediaMs()).put("vision_ms", t.visionMs()).put("prefill_ms", t.prefillMs()).put("first_token_ms", t.firstTokenMs())
                .put("decode_ms", t.decodeMs()).put("time_to_first_token_ms", t.timeToFirstTokenMs())
                .put("prompt_tokens", t.promptTokens())
                .put("cached_prompt_tokens", t.cachedPromptTokens())
                .put("generated_tokens", t.generatedTokens()).put("prefill_tokens_per_s", t.prefillTokensPerSecond())
                .put("decode_tokens_per_s", t.decodeTokensPerSecond());
        root.put("finish_reason", r.finishReason().name().toLowerCase(Locale.ROOT));
        root.put("seed", r.seed());
        return root;
    }

    /**
     * Adds what the answer locates: {@code grounding} (boxes, points, trajectories with the {@code coordinates} as
     * the model wrote them, in {@code space}, and {@code pixels} of the first picture as the model saw it, its
     * {@code resized_width} × {@code resized_height} in {@code vision}) and {@code segments} (temporal-localisation
     * stretches in seconds of the media, with their caption). The answer is read, else the whole text.
     */
    public static ObjectNode withGrounding(ObjectNode root, GenerationResult r, CoordinateSpace space) {
        String text = r.answer() != null && !r.answer().isBlank() ? r.answer() : r.text();
        VisionGrid picture = r.vision().isEmpty() ? null : r.vision().get(0);
        root.put("coordinate_space", space.name().toLowerCase(Locale.ROOT));
        ArrayNode grounding = root.putArray("grounding");
        for (Grounding g : Grounding.find(text)) {
            ObjectNode item = grounding.addObject().put("kind", g.kind().name().toLowerCase(Locale.ROOT));
            item.put("label", g.label());
            ArrayNode written = item.putArray("coordinates");
            for (double c : g.coordinates()) written.add(c);
            if (picture != null) {
                ArrayNode pixels = item.putArray("pixels");
                int w = picture.resizedWidth();
                int h = picture.resizedHeight();
                for (double c : g.onPicture(space, w, h, w, h).coordinates()) pixels.add(c);
            }
        }
        ArrayNode segments = root.putArray("segments");
        for (TemporalSegment s : TemporalSegment.find(text)) {
            segments.addObject().put("start_s", s.startSeconds()).put("end_s", s.endSeconds()).put("caption", s.caption());
        }
        return root;
    }
}
