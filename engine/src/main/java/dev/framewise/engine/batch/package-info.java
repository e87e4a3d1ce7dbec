/**
 * Many questions against one backend, resumable: rows from a media folder or a manifest ({@code BatchInput},
 * {@code BatchRow}), one job per row ({@code AskJob}) keyed by what decides its answer (media hash, question,
 * options, {@code ModelIdentity}), run with bounded concurrency by {@code BatchRunner} into an append-only JSONL
 * {@code ResultLog} whose finished keys are skipped on the next run. {@code framewise batch} and {@code eval} use it.
 *
 * <p>Imports only {@code api}, {@code media} and {@code reasoning}: it drives any {@code InferenceBackend} and never
 * a model, tensors or a family. Must not import {@code embedded}, {@code remote}, {@code serve}, {@code store},
 * {@code eval} (which imports it), nor JavaFX.
 */
package dev.framewise.engine.batch;
