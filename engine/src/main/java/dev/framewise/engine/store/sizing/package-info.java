/**
 * Sizing and the fit verdict: {@code ModelSizer} sums a model's weights and its cache and activations for a
 * {@code SizeRequest} into a {@code SizeReport}; {@code FitCheck} compares it with the device's memory, the one
 * verdict {@code framewise models info} and the workbench both show.
 *
 * <p>May import {@code api}, {@code family}, {@code media}, {@code model}, {@code store},
 * {@code store.discovery} and {@code store.device}. Must not import {@code store.hub}, {@code torch},
 * {@code generate}, {@code embedded} or {@code serve}.
 */
package dev.framewise.engine.store.sizing;
