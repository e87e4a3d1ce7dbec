package dev.framewise.engine.model;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a test: the measurement behind docs/decode-speed.md's quantised prefill figures. Runs only with
 * {@code -Dframewise.measurePrefillChunks=true -Dframewise.model=DIR}; loads the model once per precision named in
 * {@code -Dframewise.configs} ({@code precision:chunk,...}, the first is the reference), then per round prefills the
 * same random prompt with each configuration in turn and prints the time against the reference's in the same round
 * (on a shared machine only same-round ratios mean anything).
 */
@EnabledIfSystemProperty(named = "framewise.measurePrefillChunks", matches = "true")
class PrefillChunkMeasurement {
    @Test
    void measure() {
        Path dir = Path.of(System.getProperty("framewise.model"));
        int tokens = Integer.getInteger("framewise.promptTokens", 2048);
        int rounds = Integer.getInteger("framewise.rounds", 3);
        List<String> configs = List.of(System.getProperty("framewise.configs",
                "bf16:128,int8:128,int8:1024,int4:128,int4:1024").split(","));
        ModelConfig config = ModelFamilies.readConfig(dir);
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        int[] prompt = new SplittableRandom(1).ints(tokens, 0, Math.min(config.text().vocabSize(), 1000)).toArray();
        long[] row = new long[tokens];
        for (int i = 0; i < tokens; i++) row[i] = i;
        long[][] positions = {row, row, row};
        Map<Precision, TensorProgram> programs = new LinkedHashMap<>();
        Map<Precision, LanguageModel> models = new LinkedHashMap<>();
        try {
            for (String c : configs) {
                Precision p = Precision.parse(c.split(":")[0]);
                if (models.containsKey(p)) continue;
                TensorProgram program = family.loadProgram();
                programs.put(p, program);
                models.put(p, family.loadLanguageModel(program, config, Weights.open(dir), p, ComputeDevice.CPU,
                        f -> { }, Precision.BF16));
            }
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                double reference = 0;
                for (String c : configs) {
                    LanguageModel model = models.get(Precision.parse(c.split(":")[0]));
                    int chunk = Integer.parseInt(c.split(":")[1]);
                    if (round == 0) prefill(model, prompt, positions, Math.min(tokens, 64), chunk); // warm-up
                    double ms = prefill(model, prompt, positions, tokens, chunk);
                    if (reference == 0) reference = ms;
                    ratios.computeIfAbsent(c, k -> new ArrayList<>()).add(ms / reference);
                    System.out.printf("PC round %d %-10s %8.0f ms  %6.1f tok/s  time / %s %.2f%n", round, c, ms,
                            tokens * 1000 / ms, configs.get(0), ms / reference);
                }
            }
            for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
                double[] r = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("PR %-10s time / %s: median %.2f (rounds %s)%n", e.getKey(), configs.get(0),
                        r[r.length / 2], Arrays.toString(r));
            }
        } finally {
            models.values().forEach(LanguageModel::close);
            programs.values().forEach(TensorProgram::close);
        }
    }

    private static double prefill(LanguageModel model, int[] prompt, long[][] positions, int length, int chunk) {
        long[][] p = {Arrays.copyOf(positions[0], length), Arrays.copyOf(positions[1], length),
                Arrays.copyOf(positions[2], length)};
        try (KvCache cache = model.newCache(length + 1); TorchValue embeds = model.embed(Arrays.copyOf(prompt, length))) {
            long t = System.nanoTime();
            model.prefill(cache, embeds, p, 0, null, chunk, ChunkProgress.NONE);
            return (System.nanoTime() - t) / 1e6;
        }
    }
}
