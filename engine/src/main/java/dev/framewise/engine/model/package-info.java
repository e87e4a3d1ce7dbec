/**
 * A loaded checkpoint: config records, safetensors weights (memory-mapped, both upstream name layouts), the
 * language model and vision encoder as calls into the TorchScript program, KV cache, the vision-embedding cache
 * and the multimodal prompt ({@code MultimodalPrompt}, {@code PreparedPrompt}); the machine's memory
 * ({@code SystemMemory}).
 *
 * <p>May import {@code api}, {@code torch}, {@code media} and {@code vision}. Must not import {@code generate}
 * (which drives it), {@code family} (which builds it), {@code embedded}, {@code store} or any front end.
 */
package dev.framewise.engine.model;
