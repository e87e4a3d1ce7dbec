package dev.framewise.engine.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one generation. {@code reasoning} and {@code answer} come from the reasoning parser
 * ({@code answer} is the whole text when the model used no tags). {@code frames} lists the video frames
 * the model was shown (empty without video); {@code frameEvidence} is empty unless requested; {@code vision}
 * gives the grid and resized size of each image and video in prompt order (empty when the backend does not
 * report it). Immutable: the prompt ids are copied in and out, and two results are equal when their contents are.
 * Build one with {@link #builder()}.
 */
public record GenerationResult(String model, int[] promptTokenIds, List<TokenEvent> tokens, String text,
                               String reasoning, String answer, List<FrameRef> frames, List<Double> frameEvidence,
                               Timings timings, FinishReason finishReason, long seed, List<VisionGrid> vision) {
    public GenerationResult {
        promptTokenIds = promptTokenIds.clone();
        tokens = List.copyOf(tokens);
        frames = List.copyOf(frames);
        frameEvidence = List.copyOf(frameEvidence);
        vision = List.copyOf(vision);
    }

    /** A copy: the result stays as the engine made it. */
    @Override
    public int[] promptTokenIds() {
        return promptTokenIds.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationResult r && seed == r.seed && Objects.equals(model, r.model)
                && Arrays.equals(promptTokenIds, r.promptTokenIds) && tokens.equals(r.tokens)
                && Objects.equals(text, r.text) && Objects.equals(reasoning, r.reasoning)
                && Objects.equals(answer, r.answer) && frames.equals(r.frames) && frameEvidence.equals(r.frameEvidence)
                && Objects.equals(timings, r.timings) && finishReason == r.finishReason && vision.equals(r.vision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, Arrays.hashCode(promptTokenIds), tokens, text, reasoning, answer, frames,
                frameEvidence, timings, finishReason, seed, vision);
    }

    @Override
    public String toString() {
        return "GenerationResult[model=" + model + ", promptTokens=" + promptTokenIds.length + ", tokens="
                + tokens.size() + ", finishReason=" + finishReason + ", seed=" + seed + ", text=" + text + "]";
    }

    /** Named setters; lists left unset are empty, the text parts empty strings. */
    public static final class Builder {
        private String model = "";
        private int[] promptTokenIds = new int[0];
        private List<TokenEvent> tokens = List.of();
        private String text = "";
        private String reasoning = "";
        private String answer = "";
        private List<FrameRef> frames = List.of();
        private List<Double> frameEvidence = List.of();
        private Timings timings;
        private FinishReason finishReason = FinishReason.EOS;
        private long seed;
        private List<VisionGrid> vision = List.of();

        private Builder() {
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder promptTokenIds(int[] value) {
            promptTokenIds = value;
            return this;
        }

        public Builder tokens(List<TokenEvent> value) {
            tokens = value;
            return this;
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        /** The reasoning and answer as the reasoning parser split the text. */
        public Builder parsed(String reasoningText, String answerText) {
            reasoning = reasoningText;
            answer = answerText;
            return this;
        }

        public Builder frames(List<FrameRef> value) {
            frames = value;
            return this;
        }

        public Builder frameEvidence(List<Double> value) {
            frameEvidence = value;
            return this;
        }

        public Builder timings(Timings value) {
            timings = value;
            return this;
        }

        public Builder finishReason(FinishReason value) {
            finishReason = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder vision(List<VisionGrid> value) {
            vision = value;
            return this;
        }

        public GenerationResult build() {
            return new GenerationResult(model, promptTokenIds, tokens, text, reasoning, answer, frames, frameEvidence,
                    timings, finishReason, seed, vision);
        }
    }
}
