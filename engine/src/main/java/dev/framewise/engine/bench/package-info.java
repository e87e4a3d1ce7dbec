/**
 * Benchmark support, apart from the product path: synthetic checkpoints of published shapes with random weights
 * ({@code SyntheticCheckpoint}, {@code SyntheticVisionTower}) so benchmarks download nothing, the repeated-question
 * timer and medians. Used by {@code framewise bench} and by tests; nothing in the product path imports it.
 *
 * <p>May import {@code model}, {@code generate}, {@code torch}, {@code vision} and {@code api}. Must not be imported
 * by any package but {@code cli} (and tests).
 */
package dev.framewise.engine.bench;
