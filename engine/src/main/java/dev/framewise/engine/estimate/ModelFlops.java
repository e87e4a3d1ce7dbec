package dev.framewise.engine.estimate;

import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;

/**
 * Work per unit counted from a model's shape (multiply-adds count 2 FLOPs): what a calibration's matrix-product
 * rate is divided by. Only the matrix products: they are where prefill and the vision tower spend their time.
 */
final class ModelFlops {
    private ModelFlops() {
    }

    /** One prompt token through every decoder layer: q/k/v/o projections and the SwiGLU MLP. */
    static double perPromptToken(ModelConfig.TextConfig t) {
        double q = (double) t.numHeads() * t.headDim();
        double kv = (double) t.numKvHeads() * t.headDim();
        double attention = t.hiddenSize() * (q + 2 * kv) + q * t.hiddenSize();
        double mlp = 3.0 * t.hiddenSize() * t.intermediateSize();
        return 2.0 * t.numLayers() * (attention + mlp);
    }

    /**
     * Attention's scores and weighted values of every head per prompt token, averaged over a fresh prompt of
     * {@code tokens} (query i attends causally to i + 1 keys), every decoder layer: as {@code FlopCount.prefill}
     * counts them.
     */
    static double attentionPerPromptToken(ModelConfig.TextConfig t, int tokens) {
        double q = (double) t.numHeads() * t.headDim();
        return t.numLayers() * 2 * 2.0 * q * (tokens + 1) / 2.0;
    }

    /** One patch through the vision tower: patch embedding, every block's attention and MLP, its share of the merger. */
    static double perPatch(ModelConfig.VisionConfig v) {
        double h = v.hiddenSize();
        double embed = (double) v.inChannels() * v.temporalPatchSize() * v.patchSize() * v.patchSize() * h;
        double block = 4 * h * h + 3 * h * v.intermediateSize();
        double merged = h * v.spatialMergeSize() * v.spatialMergeSize();
        double merger = (merged * merged + merged * v.outHiddenSize()) / (v.spatialMergeSize() * v.spatialMergeSize());
        return 2.0 * (embed + v.depth() * block + merger);
    }

    /** Bytes a decoded token reads: every language-model matrix once, at the weights' precision on the device. */
    static double bytesPerDecodedToken(ModelConfig.TextConfig t, Precision precision) {
        double matrices = perPromptToken(t) / 2 + (double) t.vocabSize() * t.hiddenSize();
        // per weight as in a matrix whose sides are multiples of every scale group
        return matrices * precision.matrixBytes(1024, 1024) / (1024.0 * 1024.0);
    }
}
