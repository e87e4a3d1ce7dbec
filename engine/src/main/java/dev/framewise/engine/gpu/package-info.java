/**
 * {@code framewise gpu} and the workbench's GPU switch: detecting an NVIDIA GPU and driver ({@code GpuDetection},
 * {@code NvidiaDriver}, {@code CudaVersion}), choosing the CUDA build of libtorch that fits ({@code LibtorchBuild},
 * {@code LibtorchArchive}), downloading and unpacking it resumably ({@code ArchiveDownload}, {@code GpuSetup}),
 * and recording which libtorch the next start uses ({@code GpuActivation}, {@code ActiveLibtorch}). Failures are
 * {@code GpuSetupException}s with a reason and a one-line message.
 *
 * <p>Imports {@code api}, {@code media} (hashing), {@code store} (its download progress, GPU probe and locations) and {@code torch}
 * (the library path). Nothing else in the engine imports it; must not import {@code model}, {@code generate},
 * {@code embedded}, {@code family}, nor JavaFX.
 */
package dev.framewise.engine.gpu;
