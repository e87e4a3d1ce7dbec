package dev.framewise.engine.serve;

import dev.framewise.engine.api.GenerationRequest;

/**
 * A decoded chat-completions request: what to generate and how to answer ({@code stream}; {@code usage} in the
 * stream; {@code logprobs}; {@code tokensAsIds} writes each token as {@code token_id:N}, vLLM's
 * {@code return_tokens_as_token_ids}).
 */
record ChatCall(GenerationRequest request, boolean stream, boolean includeUsage, boolean logprobs, boolean tokensAsIds) {
}
