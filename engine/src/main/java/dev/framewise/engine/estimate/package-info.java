/**
 * The cost preview: what a question will cost on this machine before it runs (frames, vision tokens, prompt
 * tokens, memory, seconds to the first token), from the prompt planned without weights ({@code embedded}'s
 * {@code PromptPlanner}), the sizes of {@code store}'s {@code ModelSizer} and {@code generate}'s {@code ContextBudget},
 * and rates calibrated on this machine ({@link dev.framewise.engine.estimate.Calibration}): a micro-benchmark at
 * first use, refined by every real run; and the {@code MachineRates} of a device (memory bandwidth and the overhead of a
 * decoding step, measured by {@code framewise models info}) kept beside them. Above {@code store} and {@code embedded};
 * nothing in the engine imports it
 * but the CLI and the app.
 */
package dev.framewise.engine.estimate;
