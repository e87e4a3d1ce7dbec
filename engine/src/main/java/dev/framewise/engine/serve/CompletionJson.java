package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.TokenEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The OpenAI chat-completions response shapes for one request: whole completions, stream chunks, usage and
 * errors. Token logprobs carry the token's text (or {@code token_id:N} when asked); the alternatives are
 * always written as {@code token_id:N}, because the backend reports their ids, not their text (the same
 * convention as vLLM's {@code return_tokens_as_token_ids}; {@link dev.framewise.engine.remote} reads it back).
 */
final class CompletionJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    private final long created = System.currentTimeMillis() / 1000;
    private final String model;
    private final boolean tokensAsIds;

    CompletionJson(String model, boolean tokensAsIds) {
        this.model = model;
        this.tokensAsIds = tokensAsIds;
    }

    /** A non-streamed answer. */
    ObjectNode completion(GenerationResult result, boolean logprobs) {
        return completion(result, logprobs, false);
    }

    /**
     * A non-streamed answer; with {@code splitReasoning} its think block goes to {@code reasoning_content} and only
     * the rest to {@code content} ({@link ReasoningSplitter}, null when empty), as vLLM's reasoning parser does.
     */
    ObjectNode completion(GenerationResult result, boolean logprobs, boolean splitReasoning) {
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (splitReasoning) {
            ReasoningSplitter.Split split = ReasoningSplitter.whole(result.text());
            if (split.reasoning() != null) message.put("reasoning_content", split.reasoning());
            if (split.content().isEmpty()) message.putNull("content");
            else message.put("content", split.content());
        } else {
            message.put("content", result.text());
        }
        if (logprobs) logprobs(choice.putObject("logprobs").putArray("content"), result.tokens());
        else choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(result.finishReason()));
        usage(root, result);
        return root;
    }

    /** The first chunk: the assistant's role, as OpenAI sends it. */
    ObjectNode roleChunk() {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", "");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return root;
    }

    ObjectNode tokenChunk(TokenEvent token, boolean logprobs) {
        return tokenChunk(token, logprobs, new ReasoningSplitter.Split("", token.text()));
    }

    /** A token's chunk whose text is split into {@code reasoning_content} and {@code content} (each only when there). */
    ObjectNode tokenChunk(TokenEvent token, boolean logprobs, ReasoningSplitter.Split text) {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (!text.reasoning().isEmpty()) delta.put("reasoning_content", text.reasoning());
        if (!text.content().isEmpty() || text.reasoning().isEmpty()) delta.put("content", text.content());
        if (logprobs) logprobs(choice.putObject("logprobs").putArray("content"), List.of(token));
        else choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return root;
    }

    /** Text held back until the end of a split stream (a tag's prefix that was not one), without logprobs. */
    ObjectNode textChunk(ReasoningSplitter.Split text) {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (!text.reasoning().isEmpty()) delta.put("reasoning_content", text.reasoning());
        if (!text.content().isEmpty()) delta.put("content", text.content());
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return root;
    }

    ObjectNode finishChunk(FinishReason reason) {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(reason));
        return root;
    }

    ObjectNode usageChunk(GenerationResult result) {
        ObjectNode root = header("chat.completion.chunk");
        root.putArray("choices");
        usage(root, result);
        return root;
    }

    static ObjectNode error(ApiError error) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", ClientText.of(error.getMessage()));
        body.put("type", error.type);
        if (error.code == null) body.putNull("code");
        else body.put("code", error.code);
        return root;
    }

    private ObjectNode header(String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    private void logprobs(ArrayNode content, List<TokenEvent> tokens) {
        for (TokenEvent token : tokens) {
            ObjectNode entry = content.addObject();
            String text = tokensAsIds ? "token_id:" + token.id() : token.text();
            entry.put("token", text);
            entry.put("logprob", token.logprob());
            ArrayNode bytes = entry.putArray("bytes");
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xFF);
            ArrayNode top = entry.putArray("top_logprobs");
            for (TokenEvent.TopLogprob alternative : token.top()) {
                top.addObject().put("token", "token_id:" + alternative.id()).put("logprob", alternative.logprob()).putNull("bytes");
            }
        }
    }

    private static void usage(ObjectNode root, GenerationResult result) {
        int prompt = result.timings().promptTokens();
        int completion = result.timings().generatedTokens();
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    /** OpenAI knows "stop" (an end token or a stop string) and "length"; a run cut short is reported as vLLM's "abort". */
    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case EOS, STOP_STRING -> "stop";
            case LENGTH -> "length";
            case CANCELLED, INCOMPLETE -> "abort";
        };
    }
}
