/**
 * {@code framewise serve}: the OpenAI chat-completions server over any {@code InferenceBackend} (request decoding,
 * admission, SSE, media resolution within an allowed root).
 *
 * <p>May import {@code api}, {@code media}, {@code remote} and {@code store}. Must not import the model internals
 * ({@code model}, {@code generate}, {@code torch}) nor {@code cli}.
 */
package dev.framewise.engine.serve;
