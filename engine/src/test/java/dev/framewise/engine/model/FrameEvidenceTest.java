package dev.framewise.engine.model;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.generate.Generator;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.PreprocessorConfig;
import dev.framewise.engine.vision.VisionInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Frame evidence on the tiny model's video case (fp32, CPU) against a naive reference: the decoder re-computed
 * here in plain Java from the checkpoint's weights (RMSNorm, projections, M-RoPE, grouped-query softmax attention,
 * SwiGLU), collecting the attention probabilities of the answer's queries on each frame group's vision tokens.
 */
class FrameEvidenceTest {
    private static final ModelConfig CONFIG = ModelFamilies.readConfig(TinyModel.dir());
    private static final TextConfig TEXT = CONFIG.text();
    private static final GoldenCase VIDEO = GoldenCase.named("d_video");
    private static final int MAX_TOKENS = 6;
    private static TensorProgram program;
    private static LanguageModel model;
    private static VisionEncoder encoder;
    private static QwenTokenizer tokenizer;
    private static Weights weights;
    private static SafetensorsFile checkpoint;
    private static List<EncodedMedia> media;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
        weights = Weights.open(TinyModel.dir());
        checkpoint = SafetensorsFile.open(TinyModel.dir().resolve(Weights.SINGLE_FILE));
        model = LanguageModel.load(program, TEXT, weights, Precision.FP32, ComputeDevice.CPU);
        encoder = VisionEncoder.load(program, CONFIG.vision(), weights, Precision.FP32, ComputeDevice.CPU);
        tokenizer = QwenTokenizer.load(TinyModel.dir());
        VisionInputs inputs = new VisionInputs(new ImagePreprocessor(PreprocessorConfig.load(TinyModel.dir())));
        MediaEncoder encoderWithCache = new MediaEncoder(inputs, encoder, new VisionEmbeddingCache(0), "tiny", false);
        media = MultimodalPromptTest.parts(VIDEO).stream().map(encoderWithCache::encode).toList();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        encoder.close();
        model.close();
        program.close();
    }

    private static Generator.Outcome generate(boolean evidence) {
        GenerationParams params = new GenerationParams(MAX_TOKENS, 0, 1, 0, 1, 0L, List.of(), true, 5, evidence);
        List<int[]> groups = MultimodalPrompt.frameGroups(CONFIG, VIDEO.inputIds(), media);
        try (PreparedPrompt prompt = MultimodalPrompt.prepare(program, model, CONFIG, VIDEO.inputIds(), media)) {
            return new Generator(model, Set.of(2002)).generate(prompt, params, 0, tokenizer.streamingDetokenizer(false),
                    t -> { }, new CancellationToken(), new Generator.Context(null, groups));
        }
    }

    @Test
    void oneSharePerFrameGroupSummingToOneAsTheNaiveReference() {
        Generator.Outcome out = generate(true);
        List<Double> evidence = out.frameEvidence();

        int groups = media.get(0).grid().t();
        assertThat(groups).isEqualTo(3);
        assertThat(evidence).hasSize(groups);
        assertThat(evidence.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(out.tokens()).hasSize(MAX_TOKENS);

        double[] reference = naiveEvidence(out.tokens().stream().mapToInt(TokenEvent::id).toArray());
        for (int g = 0; g < groups; g++) assertThat(evidence.get(g)).isCloseTo(reference[g], within(1e-4));
        // the shares are not uniform, so the comparison above distinguishes frames
        assertThat(Math.abs(reference[0] - reference[1]) + Math.abs(reference[1] - reference[2])).isGreaterThan(1e-3);
        assertThat(generate(true).frameEvidence()).isEqualTo(evidence);
    }

    @Test
    void noEvidenceUnlessAskedAndTheSameAnswerEitherWay() {
        Generator.Outcome without = generate(false);
        Generator.Outcome with = generate(true);
        assertThat(without.frameEvidence()).isEmpty();
        assertThat(without.tokens()).isEqualTo(with.tokens());
    }

    @Test
    void videoGroupsAreTemporalPatchesOfThePadRows() {
        List<int[]> groups = MultimodalPrompt.frameGroups(CONFIG, VIDEO.inputIds(), media);
        int[] ids = VIDEO.inputIds();
        int first = 0;
        while (ids[first] != CONFIG.videoTokenId()) first++;
        assertThat(groups).hasSize(3);
        for (int g = 0; g < 3; g++) {
            assertThat(groups.get(g)).containsExactly(first + 4 * g, first + 4 * g + 1, first + 4 * g + 2, first + 4 * g + 3);
        }
    }

    /**
     * The reference: the whole sequence (prompt with the vision embeddings in the pad rows, then the decoded
     * answer tokens) through every layer in double precision; the queries are the prompt's last position and the
     * decoded tokens' positions, each key's probability summed over layers, heads and queries, then over groups.
     */
    private static double[] naiveEvidence(int[] generated) {
        int[] prompt = VIDEO.inputIds();
        int promptLength = prompt.length;
        int decoded = generated.length - 1; // the last token was chosen but not run
        int length = promptLength + decoded;
        int hidden = TEXT.hiddenSize();
        float[] embedTable = floats("model.embed_tokens.weight");
        double[][] x = new double[length][hidden];
        float[] vision = media.get(0).embeddings();
        int visionRow = 0;
        for (int t = 0; t < length; t++) {
            int id = t < promptLength ? prompt[t] : generated[t - promptLength];
            for (int c = 0; c < hidden; c++) {
                x[t][c] = id == CONFIG.videoTokenId() ? vision[visionRow * hidden + c] : embedTable[id * hidden + c];
            }
            if (id == CONFIG.videoTokenId()) visionRow++;
        }
        long[][] positions = new long[3][length];
        long[][] promptPositions = VIDEO.positionIds();
        for (int t = 0; t < length; t++) {
            for (int a = 0; a < 3; a++) positions[a][t] = t < promptLength ? promptPositions[a][t] : t + VIDEO.ropeDeltas();
        }
        double[] perKey = new double[length];
        for (int layer = 0; layer < TEXT.numLayers(); layer++) x = layer(layer, x, positions, promptLength - 1, perKey);
        double[] shares = new double[3];
        double total = 0;
        for (int g = 0; g < 3; g++) {
            for (int row : MultimodalPrompt.frameGroups(CONFIG, prompt, media).get(g)) shares[g] += perKey[row];
            total += shares[g];
        }
        for (int g = 0; g < 3; g++) shares[g] /= total;
        return shares;
    }

    /** One decoder layer; adds the attention probabilities of queries {@code >= firstQuery} to {@code perKey}. */
    private static double[][] layer(int i, double[][] x, long[][] positions, int firstQuery, double[] perKey) {
        String p = "model.layers." + i + ".";
        int heads = TEXT.numHeads();
        int kvHeads = TEXT.numKvHeads();
        int hd = TEXT.headDim();
        int length = x.length;
        double[][] n = rmsNorm(x, floats(p + "input_layernorm.weight"));
        double[][] q = linear(n, floats(p + "self_attn.q_proj.weight"), floats(p + "self_attn.q_proj.bias"), heads * hd);
        double[][] k = linear(n, floats(p + "self_attn.k_proj.weight"), floats(p + "self_attn.k_proj.bias"), kvHeads * hd);
        double[][] v = linear(n, floats(p + "self_attn.v_proj.weight"), floats(p + "self_attn.v_proj.bias"), kvHeads * hd);
        rope(q, heads, positions);
        rope(k, kvHeads, positions);
        double[][] attended = new double[length][heads * hd];
        for (int h = 0; h < heads; h++) {
            int kv = h / (heads / kvHeads);
            for (int t = 0; t < length; t++) {
                double[] probs = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s <= t; s++) {
                    double dot = 0;
                    for (int d = 0; d < hd; d++) dot += q[t][h * hd + d] * k[s][kv * hd + d];
                    probs[s] = dot / Math.sqrt(hd);
                    max = Math.max(max, probs[s]);
                }
                double sum = 0;
                for (int s = 0; s <= t; s++) sum += probs[s] = Math.exp(probs[s] - max);
                for (int s = 0; s <= t; s++) {
                    probs[s] /= sum;
                    if (t >= firstQuery) perKey[s] += probs[s];
                    for (int d = 0; d < hd; d++) attended[t][h * hd + d] += probs[s] * v[s][kv * hd + d];
                }
            }
        }
        double[][] out = add(x, linear(attended, floats(p + "self_attn.o_proj.weight"), null, TEXT.hiddenSize()));
        double[][] n2 = rmsNorm(out, floats(p + "post_attention_layernorm.weight"));
        int inter = TEXT.intermediateSize();
        double[][] gate = linear(n2, floats(p + "mlp.gate_proj.weight"), null, inter);
        double[][] up = linear(n2, floats(p + "mlp.up_proj.weight"), null, inter);
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < inter; c++) gate[t][c] = gate[t][c] / (1 + Math.exp(-gate[t][c])) * up[t][c];
        }
        return add(out, linear(gate, floats(p + "mlp.down_proj.weight"), null, TEXT.hiddenSize()));
    }

    /** M-RoPE: dimension d of each head takes the angle of axis (chunk of mrope_section * 2 holding d) % 3. */
    private static void rope(double[][] x, int heads, long[][] positions) {
        int hd = TEXT.headDim();
        int half = hd / 2;
        List<Integer> section = TEXT.mropeSection();
        int[] axisOf = new int[hd];
        int d = 0;
        for (int chunk = 0; chunk < 2 * section.size(); chunk++) {
            for (int j = 0; j < section.get(chunk % section.size()); j++) axisOf[d++] = chunk % 3;
        }
        for (int t = 0; t < x.length; t++) {
            double[] row = x[t];
            for (int h = 0; h < heads; h++) {
                double[] rotated = new double[hd];
                for (int j = 0; j < hd; j++) {
                    double invFreq = 1 / Math.pow(TEXT.ropeTheta(), (2.0 * (j % half)) / hd);
                    double angle = positions[axisOf[j]][t] * invFreq;
                    double other = j < half ? -row[h * hd + j + half] : row[h * hd + j - half];
                    rotated[j] = row[h * hd + j] * Math.cos(angle) + other * Math.sin(angle);
                }
                System.arraycopy(rotated, 0, row, h * hd, hd);
            }
        }
    }

    private static double[][] rmsNorm(double[][] x, float[] weight) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double ms = 0;
            for (double v : x[t]) ms += v * v;
            double scale = 1 / Math.sqrt(ms / x[t].length + TEXT.rmsNormEps());
            out[t] = new double[x[t].length];
            for (int c = 0; c < x[t].length; c++) out[t][c] = x[t][c] * scale * weight[c];
        }
        return out;
    }

    /** x [L, in] times weight [out, in] transposed, plus bias. */
    private static double[][] linear(double[][] x, float[] weight, float[] bias, int outDim) {
        int in = x[0].length;
        double[][] out = new double[x.length][outDim];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outDim; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int c = 0; c < in; c++) s += x[t][c] * weight[o * in + c];
                out[t][o] = s;
            }
        }
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) for (int c = 0; c < a[0].length; c++) out[t][c] = a[t][c] + b[t][c];
        return out;
    }

    /** A bf16 tensor of the checkpoint as floats. */
    private static float[] floats(String name) {
        ByteBuffer b = checkpoint.map(name);
        float[] out = new float[b.capacity() / 2];
        for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
        return out;
    }
}
