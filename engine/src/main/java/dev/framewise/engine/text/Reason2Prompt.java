package dev.framewise.engine.text;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompt convention of NVIDIA Cosmos-Reason2 (Qwen3-VL) used by {@code ask --prompt}: a system prompt, one user
 * turn with the media first and the question last, and reasoning opt-in by an add-on appended to the question.
 * There is no {@code <answer>} tag: the answer is whatever follows {@code </think>}. Texts are verbatim from
 * nvidia-cosmos/cosmos-reason2 {@code cosmos_reason2_utils/text.py} ({@code SYSTEM_PROMPT}, {@code REASONING_PROMPT},
 * {@code create_conversation}).
 */
public final class Reason2Prompt {
    /** {@code SYSTEM_PROMPT}. */
    public static final String SYSTEM_PROMPT = "You are a helpful assistant.";
    /** {@code REASONING_PROMPT}, the reasoning add-on. */
    public static final String REASONING_ADDON = "Answer the question using the following format:\n\n<think>\n"
            + "Your reasoning.\n</think>\n\nWrite your final answer immediately after the </think> tag.";

    private Reason2Prompt() {
    }

    /**
     * One question about media: the user's system prompt or {@link #SYSTEM_PROMPT}; the question, followed with
     * {@code reasoning} by a blank line and {@link #REASONING_ADDON} (left alone if it already asks for
     * {@code <think>}).
     */
    public static List<ChatMessage> question(List<ContentPart> media, String question, boolean reasoning,
                                             String userSystemPrompt) {
        if (question == null || question.isBlank()) {
            throw new EngineException("the question is empty; give the prompt text to ask");
        }
        String text = question.stripTrailing();
        if (reasoning && !text.contains("<think>")) text = text + "\n\n" + REASONING_ADDON;
        List<ContentPart> parts = new ArrayList<>();
        for (ContentPart part : media) {
            if (part instanceof ContentPart.Text) throw new IllegalArgumentException("media parts only, not text");
            parts.add(part);
        }
        parts.add(new ContentPart.Text(text));
        String system = userSystemPrompt == null || userSystemPrompt.isBlank() ? SYSTEM_PROMPT : userSystemPrompt;
        return List.of(ChatMessage.system(system), ChatMessage.user(parts));
    }
}
