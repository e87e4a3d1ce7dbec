package dev.framewise.engine.bench;

import dev.framewise.engine.family.qwen3vl.Qwen3VisionConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.VisionWindows;

import java.util.List;

/**
 * Floating-point operations of the work before the first token, counted from the shapes (a multiply-add is two):
 * every matrix product (patch embedding, attention projections, MLP, merger, language-model layers) and attention
 * itself (scores and weighted values over each attention segment, or causally over the cache). Norms, rotary,
 * softmax and activations are left out: they are a few operations per element, not per weight. What the benches
 * divide by time to compare with {@link GemmRate}.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /**
     * A Qwen2.5-VL vision tower over these grids: window attention in every block but the full-attention ones,
     * whose segments are single images or temporal slices (the segments {@link VisionWindows} gives the tower).
     */
    public static double qwen25Vision(VisionConfig c, List<GridThw> grids) {
        long patches = grids.stream().mapToLong(GridThw::patches).sum();
        long h = c.hiddenSize();
        long patchDim = (long) c.inChannels() * c.temporalPatchSize() * c.patchSize() * c.patchSize();
        VisionWindows windows = VisionWindows.of(grids, c.windowSize(), c.spatialMergeSize(), c.patchSize());
        double windowAttention = attention(h, windows.cuWindowSeqlens());
        double fullAttention = attention(h, windows.cuSeqlens());
        int full = c.fullAttentionBlocks().size();
        double flops = 2.0 * patches * patchDim * h;
        flops += c.depth() * 2.0 * patches * (3 * h * h + h * h + 3 * h * c.intermediateSize());
        flops += (c.depth() - full) * windowAttention + full * fullAttention;
        return flops + merger(patches, h, c.spatialMergeSize(), c.outHiddenSize());
    }

    /**
     * A Qwen3-VL vision tower over these grids: full attention per image or temporal slice in every block, a GELU
     * MLP of two matrices, the merger and one DeepStack merger per DeepStack level.
     */
    public static double qwen3Vision(Qwen3VisionConfig c, List<GridThw> grids) {
        long patches = grids.stream().mapToLong(GridThw::patches).sum();
        long h = c.hiddenSize();
        long patchDim = (long) c.inChannels() * c.temporalPatchSize() * c.patchSize() * c.patchSize();
        double flops = 2.0 * patches * patchDim * h;
        flops += c.depth() * 2.0 * patches * (3 * h * h + h * h + 2 * h * c.intermediateSize());
        flops += c.depth() * attention(h, VisionWindows.cuSeqlens(grids));
        int mergers = 1 + c.deepstackVisualIndexes().size();
        return flops + mergers * merger(patches, h, c.spatialMergeSize(), c.outHiddenSize());
    }

    /**
     * A Qwen2 language model prefilling {@code length} tokens after {@code past} cached ones: q/k/v, o, gate/up and
     * down per layer, causal attention over the cache, and the output projection of the last position.
     */
    public static double prefill(TextConfig c, long length, long past) {
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = c.kvDim();
        double perToken = 2.0 * (h * (q + 2 * kv) + q * h + 2 * h * c.intermediateSize() + c.intermediateSize() * h);
        // Query i (0-based) attends to past + i + 1 keys; scores and weighted values, every head.
        double attended = length * (double) past + length * (length + 1) / 2.0;
        double attention = 2 * 2.0 * q * attended;
        return c.numLayers() * (length * perToken + attention) + 2.0 * h * c.vocabSize();
    }

    /** Scores and weighted values of every head (together {@code hidden} wide) within each segment. */
    private static double attention(long hidden, int[] cuSeqlens) {
        double squares = 0;
        for (int i = 1; i < cuSeqlens.length; i++) {
            double len = cuSeqlens[i] - cuSeqlens[i - 1];
            squares += len * len;
        }
        return 2 * 2.0 * hidden * squares;
    }

    /** The patch merger: 2×2 patches' features concatenated, two matrices. */
    private static double merger(long patches, long hidden, int merge, long outHidden) {
        long tokens = patches / ((long) merge * merge);
        long merged = hidden * merge * merge;
        return 2.0 * tokens * (merged * merged + merged * outHidden);
    }
}
