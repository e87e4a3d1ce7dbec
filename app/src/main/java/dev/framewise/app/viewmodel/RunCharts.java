package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.TokenEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What the frame-evidence and token-confidence charts plot of one run: the answer's attention share per frame it
 * was shown (the timeline's evidence strip, as a bar per frame), and each generated token's probability (the
 * reasoning view's confidence shading, as a line). {@code name} labels the run's series.
 */
public record RunCharts(String name, List<FrameShare> evidence, List<Double> tokenProbabilities) {
    /** A frame's time and the share of the answer's attention it got (0..1). */
    public record FrameShare(double seconds, double share) {
    }

    public RunCharts {
        evidence = List.copyOf(evidence);
        tokenProbabilities = List.copyOf(tokenProbabilities);
    }

    /** The charts of a run as it stands (a streaming run has its tokens so far and no evidence yet). */
    public static RunCharts of(String name, RunViewModel run) {
        List<FrameRef> frames = run.frames();
        List<Double> shares = run.frameEvidence();
        List<FrameShare> evidence = new ArrayList<>();
        for (int i = 0; i < shares.size() && i < frames.size(); i++) {
            evidence.add(new FrameShare(frames.get(i).timestampSeconds(), shares.get(i)));
        }
        List<Double> probabilities = new ArrayList<>();
        for (TokenEvent token : run.tokens()) probabilities.add(TokenConfidence.probability(token.logprob()));
        return new RunCharts(name, evidence, probabilities);
    }
}
