package dev.framewise.engine.generate;

import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.PreparedPrompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frame evidence: for each frame group (a temporal patch of two sampled frames of a video, or one image), the
 * share of attention that the generated answer pays to that group's vision tokens.
 *
 * <p>Definition. The queries are the positions that chose the generated tokens: the prompt's last token (it chose
 * the first generated token) and every generated token that was decoded into the cache (each chose the next one,
 * the last perhaps the end-of-sequence token). For every layer, head and query, the softmax attention
 * probabilities over the keys are summed over the vision tokens of each group; these masses are averaged over
 * layers, heads and queries and normalised to sum 1 over the groups. The attention that goes to text tokens
 * (system prompt, question, the answer itself) is left out before normalising, so a value says how the answer's
 * attention to the media is divided among the frames, not how much it looked at the media at all.
 *
 * <p>What it is not: attention weights are not a causal attribution (a frame with little attention may still have
 * decided the answer through the values, through earlier layers mixing tokens, or through the residual stream),
 * and raw attention is known to pile up on a few tokens (attention sinks) regardless of content. Read it as a hint
 * of where the model looked, to compare frames within one answer — not across answers or models.
 *
 * <p>Cost: it runs after generation, only when asked for, as one extra forward pass over the queries (in chunks of
 * {@value #QUERY_CHUNK}) that reads the decode's KV cache and writes nothing; decoding itself is unchanged.
 */
public final class FrameEvidence {
    static final int QUERY_CHUNK = 64;

    private FrameEvidence() {
    }

    /**
     * @param decoded the generated token ids decoded into {@code cache} after the prompt, in order
     * @param groups  the prompt rows (cache positions) of each frame group's vision tokens, in prompt order
     * @return one share per group, summing to 1 (empty without groups)
     */
    public static List<Double> compute(LanguageModel model, KvCache cache, PreparedPrompt prompt, int[] decoded,
                                       List<int[]> groups) {
        if (groups.isEmpty()) return List.of();
        int promptLength = prompt.length();
        int start = promptLength - 1;
        int queries = decoded.length + 1;
        int[] ids = new int[queries];
        long[][] positions = new long[3][queries];
        ids[0] = prompt.tokenIds()[start];
        for (int axis = 0; axis < 3; axis++) positions[axis][0] = prompt.positionIds()[axis][start];
        for (int i = 1; i < queries; i++) {
            ids[i] = decoded[i - 1];
            long position = promptLength + i - 1 + prompt.ropeDeltas(); // cache_position + rope_deltas, as decoding
            for (int axis = 0; axis < 3; axis++) positions[axis][i] = position;
        }
        int layers = model.config().numLayers();
        double[] perKey = new double[promptLength]; // attention mass per prompt position, summed over everything
        for (int from = 0; from < queries; from += QUERY_CHUNK) {
            int n = Math.min(QUERY_CHUNK, queries - from);
            long[][] chunkPositions = new long[3][];
            for (int axis = 0; axis < 3; axis++) {
                chunkPositions[axis] = Arrays.copyOfRange(positions[axis], from, from + n);
            }
            float[] mass = model.attentionMass(cache, Arrays.copyOfRange(ids, from, from + n),
                    chunkPositions, start + from);
            int keys = start + from + n;
            for (int layer = 0; layer < layers; layer++) {
                for (int k = 0; k < promptLength; k++) perKey[k] += mass[layer * keys + k];
            }
        }
        return shares(perKey, groups);
    }

    /** Sums the per-position mass over each group and normalises the sums to 1. */
    static List<Double> shares(double[] perKey, List<int[]> groups) {
        double[] sums = new double[groups.size()];
        double total = 0;
        for (int g = 0; g < sums.length; g++) {
            for (int row : groups.get(g)) sums[g] += perKey[row];
            total += sums[g];
        }
        List<Double> out = new ArrayList<>(sums.length);
        for (double s : sums) out.add(total > 0 ? s / total : 1.0 / sums.length);
        return out;
    }
}
