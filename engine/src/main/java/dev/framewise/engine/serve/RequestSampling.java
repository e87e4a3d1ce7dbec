package dev.framewise.engine.serve;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;

import java.util.List;

/**
 * The sampling a chat-completions request gets for the fields it leaves out ({@code temperature}, {@code top_p},
 * {@code top_k}, {@code repetition_penalty}, {@code presence_penalty}, {@code frequency_penalty}); a field the
 * request gives always wins, and {@code max_tokens} comes from the server's options.
 *
 * <p>A Cosmos-Reason2 (Qwen3-VL) model is served with its convention's sampling, as cosmos-reason2's own
 * inference script sends it to vLLM: with its reasoning figures when the conversation asks for the reasoning format
 * (a system or user text names {@code <think>}, as the format instruction does), else the figures without it.
 * Every other model keeps OpenAI's defaults (temperature 1, top-p 1, no top-k, no penalties).
 *
 * @param convention the convention whose sampling applies, or null for OpenAI's defaults
 */
record RequestSampling(PromptConvention convention) {
    /** OpenAI's defaults for the fields a request leaves out. */
    static final RequestSampling OPENAI = new RequestSampling(null);

    private static final GenerationParams OPENAI_DEFAULTS = GenerationParams.builder().temperature(1.0).topP(1.0)
            .topK(0).repetitionPenalty(1.0).presencePenalty(0.0).frequencyPenalty(0.0).build();

    /** The defaults for what {@code backend} serves: its convention's for Cosmos-Reason2, else OpenAI's. */
    static RequestSampling forBackend(InferenceBackend backend) {
        return backend.convention() == PromptConvention.COSMOS_REASON2
                ? new RequestSampling(PromptConvention.COSMOS_REASON2) : OPENAI;
    }

    /** The defaults for this conversation. */
    GenerationParams defaults(List<ChatMessage> messages) {
        return convention == null ? OPENAI_DEFAULTS : convention.sampling(asksForReasoning(messages));
    }

    /** Whether a system or user text asks for a {@code <think>} block (the reasoning format's instruction does). */
    static boolean asksForReasoning(List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            if (message.role().equals("assistant")) continue;
            for (ContentPart part : message.content()) {
                if (part instanceof ContentPart.Text text && text.text().contains("<think>")) return true;
            }
        }
        return false;
    }
}
