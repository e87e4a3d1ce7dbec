/**
 * Models on disk and on the Hub, split by concern into four sub-packages, plus two helpers they all share
 * ({@code Bytes}: sizes for people; {@code FileTrees}: deleting a folder):
 * <ul>
 *   <li>{@code store.discovery}: which models are here (own folder, added folders, Hugging Face cache);</li>
 *   <li>{@code store.hub}: resumable, verified downloads from the Hugging Face Hub;</li>
 *   <li>{@code store.sizing}: how much memory a model and a request need, and whether they fit;</li>
 *   <li>{@code store.device}: what the machine has (CPU memory, GPUs, memory bandwidth, libtorch).</li>
 * </ul>
 *
 * <p>This package itself imports nothing of Framewise: its sub-packages import it, never the other way round.
 * Layers inside, from the bottom: {@code device} and {@code discovery} (which never import each other),
 * then {@code hub} (on {@code discovery}) and {@code sizing} (on {@code discovery} and {@code device});
 * {@code hub} and {@code sizing} never import each other ({@code StoreArchitectureTest}).
 */
package dev.framewise.engine.store;
