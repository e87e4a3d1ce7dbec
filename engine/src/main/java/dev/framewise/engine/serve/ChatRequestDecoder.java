package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an OpenAI chat-completions request body into a {@link ChatCall}, checking every field it uses and
 * naming the field in its errors. Defaults are OpenAI's (temperature 1, top_p 1, presence and frequency penalty
 * 0, applied as vLLM applies them), or a Cosmos-Reason2 model's convention ({@link RequestSampling}); {@code top_k},
 * {@code repetition_penalty} and {@code ignore_eos} are accepted as vLLM accepts them. The conversation is
 * used verbatim: no prompt convention is added.
 */
final class ChatRequestDecoder {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final String modelId;
    private final int defaultMaxTokens;
    private final RequestSampling sampling;

    ChatRequestDecoder(String modelId, int defaultMaxTokens) {
        this(modelId, defaultMaxTokens, RequestSampling.OPENAI);
    }

    ChatRequestDecoder(String modelId, int defaultMaxTokens, RequestSampling sampling) {
        this.modelId = modelId;
        this.defaultMaxTokens = defaultMaxTokens;
        this.sampling = sampling;
    }

    ChatCall decode(JsonNode body, MediaResolver.Scope media) {
        if (!body.isObject()) throw ApiError.badRequest(null, "the request body must be a JSON object");
        String model = body.path("model").asText("");
        if (!model.isEmpty() && !model.equals(modelId)) {
            throw ApiError.notFound("model_not_found", "The model '" + model + "' does not exist; this server serves '" + modelId + "'.");
        }
        if (body.path("n").asInt(1) != 1) throw ApiError.badRequest("n", "n: only one choice per request is supported");
        List<ChatMessage> messages = messages(body.path("messages"), media);
        boolean logprobs = booleanField(body, "logprobs");
        int topLogprobs = logprobs ? intField(body, "top_logprobs", 0) : 0;
        GenerationParams d = sampling.defaults(messages);
        GenerationParams params;
        try {
            params = GenerationParams.builder()
                    .maxTokens(intField(body, "max_completion_tokens", intField(body, "max_tokens", defaultMaxTokens)))
                    .temperature(doubleField(body, "temperature", d.temperature()))
                    .topP(doubleField(body, "top_p", d.topP())).topK(intField(body, "top_k", d.topK()))
                    .repetitionPenalty(doubleField(body, "repetition_penalty", d.repetitionPenalty()))
                    .presencePenalty(doubleField(body, "presence_penalty", d.presencePenalty()))
                    .frequencyPenalty(doubleField(body, "frequency_penalty", d.frequencyPenalty()))
                    .seed(body.hasNonNull("seed") ? longField(body, "seed") : null).stop(stops(body.path("stop")))
                    .ignoreEos(booleanField(body, "ignore_eos")).topLogprobs(topLogprobs).build();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(null, e.getMessage());
        }
        return new ChatCall(new GenerationRequest(messages, params), booleanField(body, "stream"),
                body.path("stream_options").path("include_usage").asBoolean(false), logprobs,
                booleanField(body, "return_tokens_as_token_ids"));
    }

    private static List<ChatMessage> messages(JsonNode list, MediaResolver.Scope media) {
        if (!list.isArray() || list.isEmpty()) throw ApiError.badRequest("messages", "messages: give a non-empty list of messages");
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            String field = "messages[" + i + "]";
            String role = message.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw ApiError.badRequest("messages", field + ".role: must be system, user or assistant, not '" + role + "'");
            }
            messages.add(new ChatMessage(role, parts(message.path("content"), field + ".content", media)));
        }
        return messages;
    }

    private static List<ContentPart> parts(JsonNode content, String field, MediaResolver.Scope media) {
        if (content.isTextual()) return List.of(new ContentPart.Text(content.asText()));
        if (!content.isArray()) throw ApiError.badRequest("messages", field + ": must be a string or a list of parts");
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String at = field + "[" + i + "]";
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new ContentPart.Text(part.path("text").asText("")));
                case "image_url" -> parts.add(ContentPart.Image.of(media.resolve(url(part, "image_url", at), "image", at + ".image_url.url")));
                case "video_url" -> parts.add(ContentPart.Video.of(media.resolve(url(part, "video_url", at), "video", at + ".video_url.url")));
                default -> throw ApiError.badRequest("messages", at + ".type: must be text, image_url or video_url, not '" + type + "'");
            }
        }
        return parts;
    }

    private static String url(JsonNode part, String kind, String at) {
        JsonNode holder = part.path(kind);
        String url = holder.isTextual() ? holder.asText() : holder.path("url").asText("");
        if (url.isEmpty()) throw ApiError.badRequest("messages", at + "." + kind + ".url: missing");
        return url;
    }

    private static List<String> stops(JsonNode stop) {
        if (stop.isMissingNode() || stop.isNull()) return List.of();
        if (stop.isTextual()) return List.of(stop.asText());
        if (!stop.isArray()) throw ApiError.badRequest("stop", "stop: must be a string or a list of strings");
        List<String> stops = new ArrayList<>();
        stop.forEach(s -> stops.add(s.asText()));
        return stops;
    }

    private static int intField(JsonNode body, String name, int fallback) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) return fallback;
        if (!value.canConvertToInt() || !value.isIntegralNumber()) throw ApiError.badRequest(name, name + ": must be an integer");
        return value.asInt();
    }

    /** true, false, null or absent (false): "yes" or 1 is refused rather than read as false. */
    private static boolean booleanField(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) return false;
        if (!value.isBoolean()) throw ApiError.badRequest(name, name + ": must be true or false");
        return value.asBoolean();
    }

    private static long longField(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) throw ApiError.badRequest(name, name + ": must be an integer");
        return value.asLong();
    }

    private static double doubleField(JsonNode body, String name, double fallback) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) return fallback;
        if (!value.isNumber()) throw ApiError.badRequest(name, name + ": must be a number");
        return value.asDouble();
    }
}
