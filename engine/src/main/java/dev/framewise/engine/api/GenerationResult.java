package dev.framewise.engine.api;

import java.util.List;

/**
 * The outcome of one generation. {@code reasoning} and {@code answer} come from the reasoning parser
 * ({@code answer} is the whole text when the model used no tags). {@code frames} lists the video frames
 * the model was shown (empty without video); {@code frameEvidence} is empty unless requested; {@code vision}
 * gives the grid of each image and video in prompt order (empty when the backend does not report it).
 */
public record GenerationResult(String model, int[] promptTokenIds, List<TokenEvent> tokens, String text,
                               String reasoning, String answer, List<FrameRef> frames, List<Double> frameEvidence,
                               Timings timings, FinishReason finishReason, long seed, List<VisionGrid> vision) {
    public GenerationResult {
        tokens = List.copyOf(tokens);
        frames = List.copyOf(frames);
        frameEvidence = List.copyOf(frameEvidence);
        vision = List.copyOf(vision);
    }

    /** A result without vision grids (text-only prompts, remote backends). */
    public GenerationResult(String model, int[] promptTokenIds, List<TokenEvent> tokens, String text,
                            String reasoning, String answer, List<FrameRef> frames, List<Double> frameEvidence,
                            Timings timings, FinishReason finishReason, long seed) {
        this(model, promptTokenIds, tokens, text, reasoning, answer, frames, frameEvidence, timings, finishReason, seed,
                List.of());
    }
}
