package dev.framewise.cli;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A language model loaded by {@code bench decode} or {@code bench prefill}: the folder's family and config, its
 * program, the model in the requested precision on the requested device, and how long loading took.
 */
record BenchModel(Path dir, ModelConfig config, ModelFamily family, TensorProgram program, LanguageModel model,
                  Precision precision, ComputeDevice device, double loadSeconds) {

    /** Loads the language model of {@code dir} as {@code placement} asks, runs {@code measurement}, closes it. */
    static void measure(Path dir, PlacementOptions placement, Consumer<BenchModel> measurement) {
        ModelConfig config = ModelFamilies.readConfig(dir);
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        Precision precision = placement.precision();
        ComputeDevice dev = ComputeDevice.resolve(placement.device);
        long loadStart = System.nanoTime();
        try (TensorProgram program = family.loadProgram();
             LanguageModel model = family.loadLanguageModel(program, config, Weights.open(dir), precision, dev,
                     fraction -> { }, placement.lmHead())) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            measurement.accept(new BenchModel(dir, config, family, program, model, precision, dev, loadSeconds));
        }
    }

    /** The same {@code tokens} random prompt ids every run (the first 1,000 of the vocabulary: plain tokens). */
    int[] randomPrompt(int tokens) {
        return new SplittableRandom(1).ints(tokens, 0, Math.min(config.text().vocabSize(), 1000)).toArray();
    }
}
