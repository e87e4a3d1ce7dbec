/**
 * Qwen3-VL (Cosmos-Reason2): its config records, decoder layout, vision tower, position grid, media inputs
 * (qwen-vl-utils 0.0.14, factor 32) and timestamp texts. Registered as {@link
 * dev.framewise.engine.family.qwen3vl.Qwen3VlFamily} in {@code ModelFamilies}; the embedded backend's
 * {@code Qwen3VlMediaPrompts} builds its prompts.
 *
 * <p>May import {@code model}, {@code torch}, {@code vision}, {@code media}, {@code api} and the Qwen2.5-VL family's
 * config reader (Qwen3's text config has the same fields); like its parent, never {@code generate},
 * {@code embedded}, {@code serve}, {@code cli}, {@code store} or JavaFX.
 */
package dev.framewise.engine.family.qwen3vl;
