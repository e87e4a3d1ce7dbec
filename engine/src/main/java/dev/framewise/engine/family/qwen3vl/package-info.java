/**
 * Qwen3-VL (Cosmos-Reason2): its config records, decoder layout, vision tower, position grid, media inputs
 * (qwen-vl-utils 0.0.14, factor 32), timestamp texts and prompts ({@code Qwen3VlMediaPrompts}). Registered as
 * {@link dev.framewise.engine.family.qwen3vl.Qwen3VlFamily} in {@code ModelFamilies}.
 *
 * <p>May import {@code model}, {@code text}, {@code torch}, {@code vision}, {@code media}, {@code api} and the Qwen2.5-VL family's
 * config reader (Qwen3's text config has the same fields); like its parent, never {@code generate},
 * {@code embedded}, {@code serve}, {@code cli}, {@code store} or JavaFX.
 */
package dev.framewise.engine.family.qwen3vl;
