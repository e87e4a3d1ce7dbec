package dev.framewise.engine.generate;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.GoldenCase;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.PreparedPrompt;
import dev.framewise.engine.model.TestDevice;
import dev.framewise.engine.model.TinyModel;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.NativeMemory;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeneratorTest {
    private static TensorProgram program;
    private static LanguageModel model;
    private static QwenTokenizer tokenizer;
    private static Generator generator;
    private static final GoldenCase CASE = GoldenCase.named("a_text");

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
        model = LanguageModel.load(program, ModelFamilies.readConfig(TinyModel.dir()).text(), Weights.open(TinyModel.dir()),
                Precision.FP32, TestDevice.device());
        tokenizer = QwenTokenizer.load(TinyModel.dir());
        generator = new Generator(model, Set.of(2002, 2000));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        model.close();
        program.close();
    }

    private static Generator.Outcome run(GenerationParams params, long seed, List<TokenEvent> streamed,
                                         CancellationToken cancel) {
        return run(model, generator, params, seed, streamed, cancel);
    }

    private static Generator.Outcome run(LanguageModel model, Generator generator, GenerationParams params, long seed,
                                         List<TokenEvent> streamed, CancellationToken cancel) {
        try (PreparedPrompt prompt = PreparedPrompt.text(model, CASE.inputIds())) {
            return generator.generate(prompt, params, seed, tokenizer.streamingDetokenizer(false), streamed::add, cancel);
        }
    }

    private static GenerationParams sampling(int maxTokens) {
        return new GenerationParams(maxTokens, 0.9, 0.95, 40, 1.05, null, List.of(), true, 3, false);
    }

    @Test
    void sameSeedSameTokensOtherSeedOtherTokens() {
        Generator.Outcome a = run(sampling(12), 7, new ArrayList<>(), new CancellationToken());
        Generator.Outcome b = run(sampling(12), 7, new ArrayList<>(), new CancellationToken());
        Generator.Outcome c = run(sampling(12), 8, new ArrayList<>(), new CancellationToken());
        assertThat(ids(a)).hasSize(12).containsExactly(ids(b));
        assertThat(ids(c)).isNotEqualTo(ids(a));
        assertThat(a.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(a.tokens().get(0).top()).hasSize(3);
        assertThat(a.tokens()).allSatisfy(t -> assertThat(t.logprob()).isLessThanOrEqualTo(0));
    }

    @Test
    void streamedPiecesConcatenateToTheText() {
        List<TokenEvent> streamed = new ArrayList<>();
        Generator.Outcome out = run(GenerationParams.greedy(16), 0, streamed, new CancellationToken());
        assertThat(String.join("", streamed.stream().map(TokenEvent::text).toList())).isEqualTo(out.text());
        assertThat(out.text()).isEqualTo(tokenizer.decode(ids(out)));
    }

    @Test
    void cancellationStopsWithinOneToken() {
        CancellationToken cancel = new CancellationToken();
        List<TokenEvent> streamed = new ArrayList<>();
        try (PreparedPrompt prompt = PreparedPrompt.text(model, CASE.inputIds())) {
            Generator.Outcome out = generator.generate(prompt, GenerationParams.greedy(50), 0,
                    tokenizer.streamingDetokenizer(false), t -> {
                        streamed.add(t);
                        if (t.index() == 2) cancel.cancel();
                    }, cancel);
            assertThat(out.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(out.tokens()).hasSize(3);
        }
    }

    @Test
    void stopStringEndsTheTextBeforeIt() {
        Generator.Outcome full = run(GenerationParams.greedy(16), 0, new ArrayList<>(), new CancellationToken());
        String stop = full.text().substring(20, 24);
        GenerationParams params = new GenerationParams(16, 0, 1, 0, 1, 0L, List.of(stop), false, 0, false);
        List<TokenEvent> streamed = new ArrayList<>();
        Generator.Outcome out = run(params, 0, streamed, new CancellationToken());
        assertThat(out.finishReason()).isEqualTo(FinishReason.STOP_STRING);
        assertThat(out.text()).isEqualTo(full.text().substring(0, full.text().indexOf(stop)));
        assertThat(String.join("", streamed.stream().map(TokenEvent::text).toList())).isEqualTo(out.text());
    }

    @Test
    void eosEndsGenerationUnlessIgnored() {
        Generator eosOnFirst = new Generator(model, Set.of(CASE.greedyTokens()[1]));
        try (PreparedPrompt prompt = PreparedPrompt.text(model, CASE.inputIds())) {
            Generator.Outcome out = eosOnFirst.generate(prompt, GenerationParams.greedy(16), 0,
                    tokenizer.streamingDetokenizer(false), t -> { }, new CancellationToken());
            assertThat(out.finishReason()).isEqualTo(FinishReason.EOS);
            assertThat(ids(out)).containsExactly(CASE.greedyTokens()[0]);
        }
    }

    @Test
    void presenceAndFrequencyPenaltiesLowerOnlyTheGeneratedTokensLogits() {
        // Greedy: while the penalised run picks the same tokens as the plain one, both see the same raw logits at
        // each step, and the penalties lower only the tokens generated so far, each by presence + frequency * count.
        // So between the two runs' top-20 log-probabilities every other token moves by one constant c (the change
        // of the normaliser) and a generated token by c - 0.5 - 0.25 * count.
        GenerationParams plain = new GenerationParams(16, 0, 1, 0, 1, 0L, List.of(), true, 20, false);
        GenerationParams penalised = plain.toBuilder().presencePenalty(0.5).frequencyPenalty(0.25).build();
        Generator.Outcome a = run(plain, 0, new ArrayList<>(), new CancellationToken());
        Generator.Outcome b = run(penalised, 0, new ArrayList<>(), new CancellationToken());
        Map<Integer, Integer> counts = new HashMap<>();
        int checkedGenerated = 0;
        for (int step = 0; step < 16 && a.tokens().get(step).id() == b.tokens().get(step).id(); step++) {
            Map<Integer, Double> plainTop = logprobs(a.tokens().get(step));
            Map<Integer, Double> penalisedTop = logprobs(b.tokens().get(step));
            Double c = null;
            for (int id : plainTop.keySet()) {
                if (!counts.containsKey(id) && penalisedTop.containsKey(id)) c = penalisedTop.get(id) - plainTop.get(id);
            }
            assertThat(c).isNotNull();
            for (int id : plainTop.keySet()) {
                if (!penalisedTop.containsKey(id)) continue;
                double expected = c - (counts.containsKey(id) ? 0.5 + 0.25 * counts.get(id) : 0);
                assertThat(penalisedTop.get(id) - plainTop.get(id)).as("token %d at step %d", id, step)
                        .isCloseTo(expected, within(1e-4));
                if (counts.containsKey(id)) checkedGenerated++;
            }
            counts.merge(a.tokens().get(step).id(), 1, Integer::sum);
        }
        assertThat(checkedGenerated).isPositive();
    }

    private static Map<Integer, Double> logprobs(TokenEvent token) {
        Map<Integer, Double> byId = new HashMap<>();
        for (TokenEvent.TopLogprob t : token.top()) byId.put(t.id(), t.logprob());
        return byId;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void nativeMemoryStaysBoundedWhileDecoding(Precision precision) {
        // On an x86 CPU fp32 runs oneDNN-packed matrices and bf16 fbgemm's (CpuKernels).
        try (LanguageModel model = LanguageModel.load(program, ModelFamilies.readConfig(TinyModel.dir()).text(),
                Weights.open(TinyModel.dir()), precision, ComputeDevice.CPU)) {
            assertDecodingKeepsMemory(model, new Generator(model, Set.of(2002, 2000)));
        }
    }

    private static void assertDecodingKeepsMemory(LanguageModel model, Generator generator) {
        GenerationParams tokens300 = new GenerationParams(300, 0, 1, 0, 1, 0L, List.of(), true, 5, false);
        for (int k = 0; k < 2; k++) { // warm-up: allocator caches, JIT, the JVM's heap regions
            run(model, generator, tokens300, 0, new ArrayList<>(), new CancellationToken());
        }
        // Exact: every libtorch value a run creates is closed by its end.
        long handles = TorchValue.openHandles();
        run(model, generator, tokens300, 0, new ArrayList<>(), new CancellationToken());
        assertThat(TorchValue.openHandles()).as("libtorch handles left open by one run").isEqualTo(handles);
        assertThat(program.openHostArrays()).isZero();

        // Coarse, for memory libtorch itself keeps (the graph executor specialising per KV length grew it with
        // every token): a leak grows every run alike (a leaked logits vector alone: 8 KiB per token, 2.4 MiB per
        // run), while the JVM's own memory (heap regions touched for the first time, compiled code) and the
        // allocator's arenas grow only now and then. So: native memory = resident minus what the JVM has
        // committed, judged by the smallest growth of several runs.
        List<Long> growth = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            System.gc();
            long before = NativeMemory.residentBytes() - jvmCommittedBytes();
            Generator.Outcome out = run(model, generator, tokens300, 0, new ArrayList<>(), new CancellationToken());
            assertThat(out.tokens()).hasSize(300);
            System.gc();
            growth.add(NativeMemory.residentBytes() - jvmCommittedBytes() - before);
        }
        assertThat(Collections.min(growth)).as("native memory growth per run, bytes: %s", growth)
                .isLessThan(3L << 19);
    }

    private static long jvmCommittedBytes() {
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) committed += pool.getUsage().getCommitted();
        }
        return committed;
    }

    private static int[] ids(Generator.Outcome o) {
        return o.tokens().stream().mapToInt(TokenEvent::id).toArray();
    }
}
