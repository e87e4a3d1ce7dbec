package dev.framewise.engine.api;

/**
 * How one image or video reached the model: its patch grid {@code grid_thw} (t frame pairs, h × w patches of
 * 14 px) and the number of merged vision tokens it took in the prompt ({@code t·h·w/4}).
 */
public record VisionGrid(Kind kind, int t, int h, int w, int tokens) {
    public enum Kind { IMAGE, VIDEO }
}
