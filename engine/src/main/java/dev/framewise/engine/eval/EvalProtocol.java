package dev.framewise.engine.eval;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;

import java.util.List;
import java.util.Map;

/**
 * The Cosmos-Reason1 benchmark protocol, verbatim from nvidia-cosmos/cosmos-reason1 examples/benchmark:
 * the prompt of tools/eval/utils/input.py {@code get_prompt} with the video first ({@code prepare_single_model_input}),
 * and the sampling of tools/eval/evaluate.py {@code run_model} with configs/evaluate.yaml's values.
 */
public record EvalProtocol(EvalMode mode, double fps, int maxTokens, double temperature, double repetitionPenalty,
                           long seed, int maxRetries) {
    /** input.py get_prompt. */
    public static final String SYSTEM_PROMPT = "Answer the questions.";
    public static final String LETTER_INSTRUCTION = "Answer with the option's letter from the given choices directly.";
    public static final String REASONING_SUFFIX = "Please answer the question in the following format: <think> your "
            + "reasoning </think> <answer> your single letter answer </answer>.";
    /** evaluate.py run_model: reasoning samples with top_p 0.95; letter answers are greedy, 10 tokens, top_k 1. */
    static final double REASONING_TOP_P = 0.95;
    static final int LETTER_MAX_TOKENS = 10;

    public EvalProtocol {
        if (fps <= 0) throw new IllegalArgumentException("--fps must be positive");
        if (maxTokens < 1) throw new IllegalArgumentException("--max-tokens must be at least 1");
        if (maxRetries < 0) throw new IllegalArgumentException("--max-retries must be 0 or more");
    }

    /** configs/evaluate.yaml: fps 4, max_tokens 1024, temperature 0.6, repetition_penalty 1.0, seed 1, max_retries 10. */
    public static EvalProtocol cosmosDefaults(EvalMode mode) {
        return new EvalProtocol(mode, 4, 1024, 0.6, 1.0, 1, 10);
    }

    /** input.py get_prompt's user text: the question, one "(X) option" line each, the letter instruction, the suffix. */
    public String userText(EvalTask task) {
        StringBuilder text = new StringBuilder(task.question()).append("\n");
        boolean first = true;
        for (Map.Entry<String, String> option : task.options().entrySet()) {
            if (!first) text.append("\n");
            text.append("(").append(option.getKey()).append(") ").append(option.getValue());
            first = false;
        }
        text.append("\n").append(LETTER_INSTRUCTION);
        if (mode == EvalMode.REASONING) text.append("\n").append(REASONING_SUFFIX);
        return text.toString();
    }

    /** System turn, then the user turn: the video at {@code fps} (no other per-video option, as upstream), then the text. */
    public List<ChatMessage> messages(EvalTask task) {
        ContentPart video = new ContentPart.Video(task.video(), fps, null, null, null, null, null, null);
        return List.of(ChatMessage.system(SYSTEM_PROMPT), ChatMessage.user(List.of(video, new ContentPart.Text(userText(task)))));
    }

    /**
     * The sampling of attempt {@code retry} (0 = the first): evaluate.py run_model, where retry r raises max_tokens to
     * {@code max_tokens + 256 r} and temperature to {@code min(temperature + 0.05 r, 0.9)}, the rest unchanged.
     */
    public GenerationParams params(int retry) {
        double temperatureNow = retry == 0 ? (mode == EvalMode.LETTER ? 0.0 : temperature)
                : Math.min(temperature + 0.05 * retry, 0.9);
        int tokens = retry == 0 ? (mode == EvalMode.LETTER ? LETTER_MAX_TOKENS : maxTokens) : maxTokens + 256 * retry;
        GenerationParams.Builder params = GenerationParams.builder().maxTokens(tokens).temperature(temperatureNow)
                .seed(seed).topLogprobs(0);
        return mode == EvalMode.LETTER ? params.topP(1.0).topK(1).repetitionPenalty(1.0).build()
                : params.topP(REASONING_TOP_P).topK(0).repetitionPenalty(repetitionPenalty).build();
    }
}
