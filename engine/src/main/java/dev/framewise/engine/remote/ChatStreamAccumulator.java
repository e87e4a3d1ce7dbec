package dev.framewise.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.TokenEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the chunks of a streamed chat completion (or one whole non-streamed completion) into token
 * events and text, forwarding each event to the listener as it arrives.
 *
 * <p>Token events from a server: one event per chunk that adds text (a server usually sends one token per
 * chunk). The token id is {@link #UNKNOWN_ID} because the OpenAI API reports token text, not ids, except
 * where the server writes tokens as {@code token_id:N} (vLLM's {@code return_tokens_as_token_ids}, and
 * {@code framewise serve} for the alternatives). The log-probability is the server's when logprobs were
 * requested (summed when one chunk carries several tokens, whose alternatives are then dropped) and
 * {@link Double#NaN} otherwise.
 *
 * <p>When the server splits the reasoning off into {@code reasoning_content} (vLLM with a reasoning parser)
 * the {@code <think>}/{@code </think>} tags it removed are put back around it in the event texts, so the
 * text reads as the model wrote it and parses exactly like the embedded engine's output.
 */
final class ChatStreamAccumulator {
    /** The token id reported when the server did not say which token it was. */
    static final int UNKNOWN_ID = -1;
    private static final Pattern TOKEN_ID = Pattern.compile("token_id:(\\d+)");

    private final GenerationListener listener;
    private final StringBuilder text = new StringBuilder();
    private final List<TokenEvent> tokens = new ArrayList<>();
    private boolean reasoningOpen;
    private String finishReason;
    private boolean stoppedByString;
    private int promptTokens = -1;
    private int completionTokens = -1;
    private long firstTokenNanos;
    private long lastTokenNanos;

    ChatStreamAccumulator(GenerationListener listener) {
        this.listener = listener;
    }

    /**
     * One chunk ({@code choices[0].delta}) or a whole completion ({@code choices[0].message}).
     *
     * @throws IllegalArgumentException when the JSON is not shaped like a chat completion
     */
    void accept(JsonNode chunk) {
        if (!chunk.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
            completionTokens = usage.path("completion_tokens").asInt(completionTokens);
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isMissingNode() || choices.isNull()) return;
        if (!choices.isArray()) throw new IllegalArgumentException("'choices' is not a list");
        if (choices.isEmpty()) return;
        JsonNode choice = choices.get(0);
        JsonNode delta = choice.has("delta") ? choice.get("delta") : choice.path("message");
        String piece = reasoningPiece(firstText(delta, "reasoning_content", "reasoning")) + answerPiece(delta.path("content").asText(""));
        JsonNode logprobs = choice.path("logprobs").path("content");
        if (!piece.isEmpty() || logprobs.isArray() && !logprobs.isEmpty()) emit(piece, logprobs);
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
            // vLLM names the stop string that matched in stop_reason (null for an end-of-sequence token)
            stoppedByString = choice.path("stop_reason").isTextual();
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isTextual()) return node.get(field).asText();
        }
        return "";
    }

    private String reasoningPiece(String reasoning) {
        if (reasoning.isEmpty()) return "";
        if (reasoningOpen) return reasoning;
        reasoningOpen = true;
        return "<think>" + reasoning;
    }

    private String answerPiece(String content) {
        if (content.isEmpty() || !reasoningOpen) return content;
        reasoningOpen = false;
        return "</think>" + content;
    }

    private void emit(String piece, JsonNode logprobs) {
        long now = System.nanoTime();
        if (tokens.isEmpty()) firstTokenNanos = now;
        lastTokenNanos = now;
        int id = UNKNOWN_ID;
        double logprob = Double.NaN;
        List<TokenEvent.TopLogprob> top = List.of();
        if (logprobs.isArray() && !logprobs.isEmpty()) {
            logprob = 0;
            for (JsonNode entry : logprobs) logprob += entry.path("logprob").asDouble(Double.NaN);
            if (logprobs.size() == 1) {
                id = tokenId(logprobs.get(0).path("token").asText(""));
                top = alternatives(logprobs.get(0).path("top_logprobs"));
            }
        }
        text.append(piece);
        TokenEvent event = new TokenEvent(tokens.size(), id, piece, logprob, top);
        tokens.add(event);
        listener.onToken(event);
    }

    private static List<TokenEvent.TopLogprob> alternatives(JsonNode top) {
        List<TokenEvent.TopLogprob> list = new ArrayList<>();
        for (JsonNode alt : top) {
            list.add(new TokenEvent.TopLogprob(tokenId(alt.path("token").asText("")), alt.path("logprob").asDouble(Double.NaN)));
        }
        return list;
    }

    private static int tokenId(String token) {
        Matcher m = TOKEN_ID.matcher(token);
        return m.matches() ? Integer.parseInt(m.group(1)) : UNKNOWN_ID;
    }

    /** Whether the server said why it stopped (a stream without it was cut short). */
    boolean finished() {
        return finishReason != null;
    }

    /** The finish reason in the engine's terms: a stream that ended without one is {@link FinishReason#INCOMPLETE}. */
    FinishReason finishReason() {
        if (finishReason == null) return FinishReason.INCOMPLETE;
        return switch (finishReason) {
            case "stop" -> stoppedByString ? FinishReason.STOP_STRING : FinishReason.EOS;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.INCOMPLETE;
        };
    }

    String text() {
        return text.toString();
    }

    List<TokenEvent> tokens() {
        return tokens;
    }

    /** The prompt length the server reported in {@code usage}, or -1 when it sent none. */
    int promptTokens() {
        return promptTokens;
    }

    /** Generated tokens: the server's count when it sent {@code usage}, else the events received. */
    int generatedTokens() {
        return completionTokens >= 0 ? completionTokens : tokens.size();
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    long lastTokenNanos() {
        return lastTokenNanos;
    }
}
