package dev.framewise.engine.family;

/** A model's parameters, from its tensors' shapes ({@link ModelFamily#parameterCounts}). */
public record ParameterCounts(long language, long vision) {
    public long total() {
        return language + vision;
    }
}
