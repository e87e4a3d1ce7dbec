/**
 * Device probing: {@code DeviceProbe} reads the machine's memory and GPUs ({@code MemoryStatus},
 * {@code GpuInfo}), {@code MemoryBandwidth} measures how fast memory reads, {@code DecodeSpeed} turns a bandwidth and
 * a per-step overhead into a decoding estimate, {@code DeviceDoctor} explains which libtorch DJL loads and on which
 * device Framewise runs.
 *
 * <p>May import {@code model}, {@code torch} (the loaded libtorch, for {@code DeviceDoctor}) and {@code store}.
 * Must not import the other store sub-packages ({@code discovery}, {@code hub}, {@code sizing}), nor
 * {@code family}, {@code generate}, {@code embedded} or {@code serve}.
 */
package dev.framewise.engine.store.device;
