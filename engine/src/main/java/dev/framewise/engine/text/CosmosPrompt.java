package dev.framewise.engine.text;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.PromptConvention;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompts of NVIDIA Cosmos-Reason1 beyond its {@link PromptConvention#COSMOS_REASON1 convention}: the
 * multiple-choice form of scripts/inference.py. Texts are verbatim from nvidia-cosmos/cosmos-reason1 (files
 * named below).
 */
public final class CosmosPrompt {
    /** The format instruction of the Cosmos-Reason1-7B model card and README.md (commit c51fe52, "Inference"). */
    public static final String REASONING_FORMAT = PromptConvention.COSMOS_REASON1.reasoningFormat();
    /** The README.md (commit c51fe52) system prompt: Qwen's default assistant line plus the format instruction. */
    public static final String REASONING_SYSTEM_PROMPT = PromptConvention.COSMOS_REASON1.reasoningSystemPrompt();
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
        return PromptConvention.COSMOS_REASON1.question(media, question, reasoningFormat, userSystemPrompt);
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
        return PromptConvention.conversation(PromptConvention.joinSystemParts(systemParts), media, text.toString());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
