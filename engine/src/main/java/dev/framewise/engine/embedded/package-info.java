/**
 * The embedded backend: one model folder loaded through the family registry and run in this process
 * ({@code EmbeddedBackend} implements {@code api.InferenceBackend}).
 *
 * <p>May import every engine layer below it ({@code api}, {@code family}, {@code model}, {@code generate},
 * {@code text}, {@code vision}, {@code media}, {@code reasoning}, {@code torch}). Must not import {@code remote},
 * {@code serve}, {@code store} or {@code cli}.
 */
package dev.framewise.engine.embedded;
