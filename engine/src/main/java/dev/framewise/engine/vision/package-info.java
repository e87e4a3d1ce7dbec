/**
 * Vision preprocessing before the tower: qwen-vl-utils' resizes (Pillow and torchvision bicubic), the image
 * processor (rescale, normalise, patchify, {@code grid_thw}), timestamp overlays, window indices and M-RoPE
 * positions ({@code RopeIndex}).
 *
 * <p>May import {@code api} and {@code media}. Must not import {@code model}, {@code generate}, {@code embedded}
 * or any front end ({@code cli}, {@code serve}); no DJL tensors: its outputs are Java arrays.
 */
package dev.framewise.engine.vision;
