package dev.framewise.engine.api;

/**
 * How one image or video reached the model: its patch grid {@code grid_thw} (t frame pairs, h × w patches), the
 * number of merged vision tokens it took in the prompt ({@code t·h·w/4}), and the size in pixels each picture
 * was resized to before patching. Grounding coordinates of Qwen2.5-VL are pixels of that resized picture.
 */
public record VisionGrid(Kind kind, int t, int h, int w, int tokens, int resizedHeight, int resizedWidth) {
    public enum Kind { IMAGE, VIDEO }
}
