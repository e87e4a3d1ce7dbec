package dev.framewise.engine.api;

/**
 * A request refused before any prefill because the prompt plus the answer budget does not fit the model's
 * context length or the free memory. The server answers it as a 400 {@code context_length_exceeded}, as vLLM
 * does; the message gives the token counts and what to lower.
 *
 * @see dev.framewise.engine.generate.ContextBudget
 */
public final class PromptTooLongException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int promptTokens;
    private final int maxTokens;

    public PromptTooLongException(String userMessage, int promptTokens, int maxTokens) {
        super(userMessage);
        this.promptTokens = promptTokens;
        this.maxTokens = maxTokens;
    }

    /** Prompt tokens counted (or estimated from the sampling plan, before the media were decoded). */
    public int promptTokens() {
        return promptTokens;
    }

    public int maxTokens() {
        return maxTokens;
    }
}
