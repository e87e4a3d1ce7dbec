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
}
