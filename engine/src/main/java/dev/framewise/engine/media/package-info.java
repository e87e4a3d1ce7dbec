/**
 * Media files: probing (duration, fps, size, rotation), decoding with FFmpeg (JavaCV) or ImageIO, frame sampling
 * exactly as qwen-vl-utils {@code fetch_video} ({@code QwenVideoSampler}, {@code SmartResize}), the one media-type
 * table ({@code MediaTypes}) and the one content hash ({@code ContentHash}).
 *
 * <p>May import {@code api} only. Must not import {@code vision} (which builds on it), the model, tensors (DJL)
 * or JavaFX.
 */
package dev.framewise.engine.media;
