package dev.framewise.engine.text;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompt convention of NVIDIA Cosmos-Reason1 used by {@code ask --prompt}: one user turn with the media
 * first and the question last, and a system prompt asking for {@code <think>…</think>} reasoning followed by
 * an {@code <answer>…</answer>}. Texts are verbatim from nvidia-cosmos/cosmos-reason1 (files named below).
 */
public final class CosmosPrompt {
    /** The format instruction of the Cosmos-Reason1-7B model card and README.md (commit c51fe52, "Inference"). */
    public static final String REASONING_FORMAT = "Answer the question in the following format: <think>\nyour reasoning\n"
            + "</think>\n\n<answer>\nyour answer\n</answer>.";
    /** The README.md (commit c51fe52) system prompt: Qwen's default assistant line plus the format instruction. */
    public static final String REASONING_SYSTEM_PROMPT = "You are a helpful assistant. " + REASONING_FORMAT;
    /** prompts/addons/reasoning.txt: the format add-on for questions with options (A), (B), … */
    public static final String MULTIPLE_CHOICE_FORMAT = "Answer the question with provided options in the following "
            + "format:\n<think>\nyour reasoning\n</think>\n\n<answer>\nyour answer\n</answer>.";
    /** prompts/multiple_choice_question.yaml {@code system_prompt}. */
    public static final String MULTIPLE_CHOICE_SYSTEM_PROMPT = "You are a helpful video analyzer.";
    /** prompts/addons/english.txt, which scripts/inference.py puts first in every system prompt. */
    public static final String ENGLISH_ADDON = "Always respond in English.";

    private CosmosPrompt() {
    }

    /**
     * One question about media. With the reasoning format the system prompt is {@link #REASONING_SYSTEM_PROMPT},
     * or the user's own system prompt followed by {@link #REASONING_FORMAT} (joined as scripts/inference.py
     * joins its parts, and left alone if it already asks for {@code <think>}). Without it only the user's
     * system prompt is added, or none, so that the chat template's default applies.
     */
    public static List<ChatMessage> question(List<ContentPart> media, String question, boolean reasoningFormat,
                                             String userSystemPrompt) {
        String system = reasoningFormat
                ? (blank(userSystemPrompt) ? REASONING_SYSTEM_PROMPT : withFormat(userSystemPrompt, REASONING_FORMAT))
                : (blank(userSystemPrompt) ? null : userSystemPrompt);
        return conversation(system, media, question);
    }

    /**
     * A question with lettered options, as scripts/inference.py builds it from
     * prompts/multiple_choice_question.yaml: system prompt = english add-on, the (user's or the file's) system
     * prompt and, with the reasoning format, {@link #MULTIPLE_CHOICE_FORMAT}, joined by blank lines; user text
     * = the question and one {@code (A) option} line per option.
     */
    public static List<ChatMessage> multipleChoice(List<ContentPart> media, String question, List<String> options,
                                                   boolean reasoningFormat, String userSystemPrompt) {
        if (options.size() < 2 || options.size() > 26) {
            throw new EngineException("a multiple-choice question needs 2 to 26 options, got " + options.size());
        }
        List<String> systemParts = new ArrayList<>(List.of(ENGLISH_ADDON,
                blank(userSystemPrompt) ? MULTIPLE_CHOICE_SYSTEM_PROMPT : userSystemPrompt));
        if (reasoningFormat && !systemParts.get(1).contains("<think>")) systemParts.add(MULTIPLE_CHOICE_FORMAT);
        StringBuilder text = new StringBuilder(question.stripTrailing());
        for (int i = 0; i < options.size(); i++) {
            text.append("\n(").append((char) ('A' + i)).append(") ").append(options.get(i).strip());
        }
        return conversation(joinSystemParts(systemParts), media, text.toString());
    }

    private static String withFormat(String system, String format) {
        return system.contains("<think>") ? system : joinSystemParts(List.of(system, format));
    }

    /** scripts/inference.py: {@code "\n\n".join(map(str.rstrip, system_prompts))}. */
    private static String joinSystemParts(List<String> parts) {
        return String.join("\n\n", parts.stream().map(String::stripTrailing).toList());
    }

    /** cosmos_reason1_utils text.py {@code create_conversation}: media first (upstream lists images, then videos), then the text. */
    private static List<ChatMessage> conversation(String system, List<ContentPart> media, String question) {
        if (blank(question)) throw new EngineException("the question is empty; give the prompt text to ask");
        List<ContentPart> parts = new ArrayList<>();
        for (ContentPart part : media) {
            if (part instanceof ContentPart.Text) throw new IllegalArgumentException("media parts only, not text");
            parts.add(part);
        }
        parts.add(new ContentPart.Text(question.stripTrailing()));
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(parts));
        return List.copyOf(messages);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
