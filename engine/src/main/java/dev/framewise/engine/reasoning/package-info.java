/**
 * Reading a response: the streaming {@code <think>}/{@code <answer>} split with offsets, reasoning steps,
 * references to times and frames, and Qwen grounding boxes and points.
 *
 * <p>May import {@code api} only: it works on text, for any backend. Must not import the model, media decoding
 * or any front end.
 */
package dev.framewise.engine.reasoning;
