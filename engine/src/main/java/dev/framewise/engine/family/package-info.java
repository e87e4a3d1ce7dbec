/**
 * The model-family seam: {@link dev.framewise.engine.family.ModelFamily} is everything that differs between
 * architectures (accepted {@code model_type}s, config parsing, checkpoint tensors, TorchScript program, model
 * factories, media path ({@link dev.framewise.engine.family.MediaPrompts}), preprocessing, media planning
 * ({@link dev.framewise.engine.family.MediaPlanning}), prompt
 * convention) and {@link dev.framewise.engine.family.ModelFamilies} is the registry, one entry per family, each
 * family in its own subpackage. Callers that load a model folder go through the registry.
 *
 * <p>May import {@code model}, {@code text}, {@code torch}, {@code vision}, {@code media}, {@code api} and the
 * families' subpackages. Must not
 * import {@code generate}, {@code embedded}, {@code serve}, {@code cli}, {@code store} (they import this package),
 * nor JavaFX. {@code model} and {@code torch} never import this package.
 */
package dev.framewise.engine.family;
