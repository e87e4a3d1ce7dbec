/**
 * Model discovery: which models are on this machine and where. {@code ModelStore} lists and resolves models
 * ({@code ModelRef}, {@code RepoId}, {@code LocalModel}) in Framewise's own folder, the folders the user added and
 * the Hugging Face cache ({@code HubCache}); {@code ModelFiles} says which files make a model folder;
 * {@code StoreLocations} and {@code StoreSettings} say where the folders are.
 *
 * <p>May import {@code api}, {@code family}, {@code model} and {@code store}. Must not import the other store
 * sub-packages ({@code hub}, {@code sizing}, {@code device}), nor {@code torch}, {@code generate},
 * {@code embedded}, {@code serve}.
 */
package dev.framewise.engine.store.discovery;
