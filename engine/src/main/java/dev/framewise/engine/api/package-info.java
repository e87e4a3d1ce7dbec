/**
 * The engine's public API, what the CLI, the server, the workbench and sessions program against: conversations
 * ({@code ChatMessage}, {@code ContentPart}), {@code GenerationRequest}/{@code GenerationParams},
 * {@code InferenceBackend} with its streaming {@code GenerationListener}, the {@code GenerationResult} (tokens,
 * frames, vision grids, timings), the {@code PromptConvention} of a model family, and typed errors.
 *
 * <p>Plain records and interfaces: must not import any other engine package (the bottom layer), nor DJL,
 * JavaCV or JavaFX.
 */
package dev.framewise.engine.api;
