package dev.framewise.engine.api;

/** A frame the model was shown: its index in the decoded video and its presentation time in seconds. */
public record FrameRef(long index, double timestampSeconds) {
}
