/**
 * The OpenAI-compatible client backend (vLLM, NVIDIA NIM, llama-server, another {@code framewise serve}):
 * request encoding (media as data or file URLs, or sampled frames), SSE streaming, watchdogs and errors.
 *
 * <p>May import {@code api}, {@code media} and {@code reasoning}. Must not import the model, {@code embedded},
 * {@code serve} or {@code cli}.
 */
package dev.framewise.engine.remote;
