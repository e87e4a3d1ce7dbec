/**
 * The generation loop over a prepared prompt: prefill, decode, samplers (greedy, temperature, top-k, top-p,
 * repetition penalty, seeded), stop strings, the prompt-prefix cache, context budgets and frame evidence.
 *
 * <p>May import {@code api}, {@code model} and {@code text} (streaming detokenizer). Must not import
 * {@code embedded}, {@code family}, {@code store} or any front end; {@code model} never imports this package.
 */
package dev.framewise.engine.generate;
