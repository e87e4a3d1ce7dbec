/**
 * Qwen2.5-VL (Cosmos-Reason1) and plain Qwen2 text models: the registry entry
 * ({@link dev.framewise.engine.family.qwen25vl.Qwen25VlFamily}), its config reader, its checkpoint layout, its media
 * path ({@code Qwen25MediaPrompts}) and its TorchScript program ({@code qwen2_text.py}, {@code qwen2_5_vl_vision.py}
 * in the resources of this package).
 *
 * <p>May import {@code family}, {@code model}, {@code text}, {@code torch}, {@code vision}, {@code media},
 * {@code api}. Must not import another
 * family's package, {@code generate}, {@code embedded}, {@code serve}, {@code cli}, {@code store}, nor JavaFX.
 */
package dev.framewise.engine.family.qwen25vl;
