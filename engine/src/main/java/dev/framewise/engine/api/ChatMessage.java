package dev.framewise.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation in the Hugging Face / qwen-vl-utils chat format: a role and its content
 * parts in order (media before text for a plain question).
 */
public record ChatMessage(String role, List<ContentPart> content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
            throw new IllegalArgumentException("message role must be system, user or assistant, not '" + role + "'");
        }
        content = List.copyOf(content);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", List.of(new ContentPart.Text(text)));
    }

    public static ChatMessage user(List<ContentPart> parts) {
        return new ChatMessage("user", parts);
    }

    public static ChatMessage user(String text) {
        return user(List.of(new ContentPart.Text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", List.of(new ContentPart.Text(text)));
    }

    /**
     * An earlier answer as the model is shown it when the conversation goes on: what followed its reasoning. Qwen3
     * chat templates do this for every assistant turn before the last question ({@code content.split('</think>')[-1]
     * .lstrip('\n')}); Qwen2.5-VL's template keeps the whole text, so the same rule is applied here for every family
     * (the reasoning would otherwise fill the context, and Cosmos-Reason1 was not trained to see it again). A text
     * whose reasoning never closed (stopped while thinking) has no answer: the turn is empty.
     */
    public static ChatMessage earlierAnswer(String generatedText) {
        String text = generatedText == null ? "" : generatedText;
        int close = text.lastIndexOf("</think>");
        if (close >= 0) {
            text = text.substring(close + "</think>".length());
        } else if (text.stripLeading().startsWith("<think>")) {
            text = "";
        }
        return assistant(text.replaceFirst("^\\n+", ""));
    }
}
