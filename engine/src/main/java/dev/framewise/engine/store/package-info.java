/**
 * Models on disk and on the Hub: discovery (own folder, added folders, Hugging Face cache), resumable verified
 * downloads, sizing and the fit verdict ({@code ModelSizer}, {@code SizeReport}, {@code FitCheck}), device probing.
 *
 * <p>May import {@code api}, {@code family}, {@code model}, {@code media} and {@code text}. Must not import
 * {@code generate}, {@code embedded}, {@code torch}, {@code serve} or {@code cli}.
 */
package dev.framewise.engine.store;
