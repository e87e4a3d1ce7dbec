package dev.framewise.engine.store.sizing;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.device.GpuInfo;
import dev.framewise.engine.store.device.MemoryStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizing figures for the published Qwen2.5-VL-7B config, against values computed by hand. */
class ModelSizerTest {
    private static final Path SEVEN_B = TestModels.resourceFolder("/qwen25vl-7b/config.json");
    private final ModelConfig config = ModelFamilies.readConfig(SEVEN_B);

    @Test
    void parameterCountsMatchThePublishedCheckpoint() {
        // Per decoder layer: q 3584·3584+3584, k and v 3584·512+512 each, o 3584·3584, MLP 3·3584·18944,
        // two norms 2·3584 = 233,057,792; 28 layers + final norm + embed and lm_head 2·152064·3584.
        assertThat(ModelSizer.parameterCounts(config).language()).isEqualTo(7_615_616_512L);
        // Patch embed 1280·3·2·14·14 = 1,505,280; 32 blocks of 19,702,200; merger 1280 + 5120·5120+5120
        // + 5120·3584+3584 = 44,574,464.
        assertThat(ModelSizer.parameterCounts(config).vision()).isEqualTo(676_550_144L);
        // ×2 bytes = the index's published total_size, 16,584,333,312.
        assertThat(ModelSizer.parameterCounts(config).total()).isEqualTo(8_292_166_656L);
    }

    @Test
    void weightsWithoutShardsComeFromTheIndexTotalSize() {
        ModelSizer.WeightsSize w = ModelSizer.weights(SEVEN_B, config);
        assertThat(w.bytes()).isEqualTo(16_584_333_312L);
        assertThat(w.parameters()).isEqualTo(8_292_166_656L);
        assertThat(w.byDtype()).containsOnlyKeys("BFLOAT16");
        assertThat(w.source()).contains("total_size");
    }

    @Test
    void kvCacheIsTwoTimesLayersKvHeadsHeadDimBytesTokens() {
        // 2 · 28 · 4 · 128 · 2 bytes = 57,344 bytes per token.
        assertThat(ModelSizer.kvCacheBytes(config.text(), 1, 2)).isEqualTo(57_344L);
        assertThat(ModelSizer.kvCacheBytes(config.text(), 32_768, 2)).isEqualTo(1_879_048_192L);
        assertThat(ModelSizer.kvCacheBytes(config.text(), 32_768, 4)).isEqualTo(3_758_096_384L);
    }

    @Test
    void aTenSecond720pVideoAtTwoFps() {
        // 300 source frames at 30 fps, fps 2 → 20 frames; per-frame budget min(768·28·28, 90316800/20·2) = 602,112
        // pixels; smart_resize(720, 1280) → 560 × 1008; grid 10 × 40 × 72 = 28,800 patches, 7,200 tokens.
        ModelSizer.VisionLoad load = ModelSizer.videoLoad(config, 2, 10, 1280, 720, 30, 2);
        assertThat(load.frames()).isEqualTo(20);
        assertThat(load.height()).isEqualTo(560);
        assertThat(load.width()).isEqualTo(1008);
        assertThat(load.patches()).isEqualTo(28_800);
        assertThat(load.tokens()).isEqualTo(7_200);
        // pixels 28800·1176·4 = 135,475,200; block 28800·(6·1280 + 2·3420)·2 = 836,352,000;
        // scores 16·2880²·4 = 530,841,600; merged 7200·3584·2 = 51,609,600.
        assertThat(load.activationBytes()).isEqualTo(1_554_278_400L);
    }

    @Test
    void verdictsForAGpuABigMachineAndASmallOne() {
        SizeRequest request = new SizeRequest(32_768, false, 2, 10, 1280, 720, 30);
        long gib = 1L << 30;
        MemoryStatus h100 = new MemoryStatus(128 * gib, 100 * gib,
                List.of(new GpuInfo(0, "NVIDIA H100 80GB HBM3", 80 * gib, 79 * gib, "550.54")));
        SizeReport onGpu = SizeReport.assess(SEVEN_B, request, h100, 20e9);
        // 16,584,333,312 weights + 1,879,048,192 KV + 1,554,278,400 vision + 1 GiB runtime.
        assertThat(onGpu.gpu().total()).isEqualTo(16_584_333_312L + 1_879_048_192L + 1_554_278_400L + gib);
        assertThat(onGpu.verdict().kind()).isEqualTo(FitCheck.Kind.FITS_GPU);
        assertThat(onGpu.verdict().text()).startsWith("fits on GPU").contains("NVIDIA H100");

        SizeReport inRam = SizeReport.assess(SEVEN_B, request, new MemoryStatus(64 * gib, 40 * gib, List.of()), 20e9);
        assertThat(inRam.verdict().kind()).isEqualTo(FitCheck.Kind.FITS_RAM);
        // Decoding reads the 7,615,616,512 language parameters but the 152,064 · 3,584 = 544,997,376 of the embedding
        // (lm_head is not tied; one row of the embedding is read) at 2 bytes, + a float32 KV cache of 3,758,096,384
        // bytes per token: 20e9 / 17,899,334,656 ≈ 1.12 tokens/s (bandwidth alone, no overhead given).
        assertThat(inRam.cpu().kvCache()).isEqualTo(3_758_096_384L);
        assertThat(inRam.verdict().decodeBytesPerToken()).isEqualTo(17_899_334_656L);
        assertThat(inRam.verdict().tokensPerSecond()).isCloseTo(20e9 / 17_899_334_656.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(inRam.verdict().text()).contains("expect about 1.1 tokens/s");

        SizeReport tooSmall = SizeReport.assess(SEVEN_B, request, new MemoryStatus(16 * gib, 12 * gib, List.of()), 20e9);
        assertThat(tooSmall.verdict().kind()).isEqualTo(FitCheck.Kind.DOES_NOT_FIT);
        assertThat(tooSmall.verdict().text()).startsWith("does not fit").contains("--context")
                .contains("Qwen2.5-VL-3B").contains("http://");
    }

    @Test
    void withoutAMeasuredSpeedTheVerdictQuotesNone() {
        long gib = 1L << 30;
        // bf16 with 32,768 tokens of context does not fit in 18 GiB, int8 does: the notice the workbench shows before
        // loading; it once read "expect about 0.0 tokens/s ... (at 0 GB/s memory bandwidth)"
        String notice = FitCheck.warningBeforeLoad(SEVEN_B, new MemoryStatus(32 * gib, 18 * gib, List.of()))
                .orElseThrow();
        assertThat(notice).startsWith("qwen25vl-7b fits in RAM in int8 (bf16 needs about")
                .contains("available").doesNotContain("tokens/s").doesNotContain("GB/s").doesNotContain("0.0");
        SizeReport report = SizeReport.assess(SEVEN_B, new SizeRequest(32_768, false, 0, 0, 1280, 720, 30),
                new MemoryStatus(64 * gib, 40 * gib, List.of()), (dev.framewise.engine.store.device.DecodeSpeed) null);
        assertThat(report.verdict().kind()).isEqualTo(FitCheck.Kind.FITS_RAM);
        assertThat(report.verdict().tokensPerSecond()).isZero();
        assertThat(report.verdict().text()).endsWith(" available").doesNotContain("tokens/s");
        // a model that fits as loaded needs no notice
        assertThat(FitCheck.warningBeforeLoad(SEVEN_B, new MemoryStatus(64 * gib, 40 * gib, List.of()))).isEmpty();
    }

    @Test
    void whereBf16DoesNotFitTheVerdictPicksTheFirstOfInt8AndInt4ThatDoes() {
        SizeRequest request = new SizeRequest(32_768, false, 2, 10, 1280, 720, 30);
        long gib = 1L << 30;
        // bf16 needs 16.6 GB of weights + 3.8 GB KV + 1.6 GB vision + 0.5 GiB; int8 and int4 hold the language
        // model's layer matrices in 1 and 1/2 byte per weight plus scales (Precision.matrixBytes), the rest as bf16.
        SizeReport int8 = SizeReport.assess(SEVEN_B, request, new MemoryStatus(32 * gib, 18 * gib, List.of()), 20e9);
        assertThat(int8.cpu().total()).isGreaterThan(18 * gib);
        assertThat(int8.verdict().kind()).isEqualTo(FitCheck.Kind.FITS_RAM);
        assertThat(int8.verdict().precision()).isEqualTo(Precision.INT8);
        assertThat(int8.verdict().need().total()).isLessThanOrEqualTo(18 * gib);
        assertThat(int8.verdict().need().kvCache()).isEqualTo(int8.cpu().kvCache());
        assertThat(int8.verdict().text()).startsWith("fits in RAM in int8 (bf16 needs about")
                .contains("--dtype int8");
        FitCheck.PrecisionChoice choice = FitCheck.choosePrecision(int8).orElseThrow();
        assertThat(choice.precision()).isEqualTo(Precision.INT8);
        assertThat(choice.message()).startsWith("qwen25vl-7b needs about").contains("loading it in int8")
                .contains("--dtype bf16 to insist").doesNotContain("\n");

        SizeReport int4 = SizeReport.assess(SEVEN_B, request, new MemoryStatus(32 * gib, 14 * gib, List.of()), 20e9);
        assertThat(int4.verdict().precision()).isEqualTo(Precision.INT4);
        assertThat(int4.verdict().need().total()).isLessThanOrEqualTo(14 * gib).isLessThan(int8.verdict().need().total());
        // decoding reads fewer bytes, so the estimate is faster than int8's
        assertThat(int4.verdict().tokensPerSecond()).isGreaterThan(int8.verdict().tokensPerSecond());
        assertThat(FitCheck.choosePrecision(int4).orElseThrow().precision()).isEqualTo(Precision.INT4);

        SizeReport bf16 = SizeReport.assess(SEVEN_B, request, new MemoryStatus(64 * gib, 40 * gib, List.of()), 20e9);
        assertThat(bf16.verdict().precision()).isEqualTo(Precision.BF16);
        assertThat(FitCheck.choosePrecision(bf16)).isEmpty();

        SizeReport none = SizeReport.assess(SEVEN_B, request, new MemoryStatus(16 * gib, 8 * gib, List.of()), 20e9);
        assertThat(none.verdict().kind()).isEqualTo(FitCheck.Kind.DOES_NOT_FIT);
        assertThat(none.verdict().text()).contains("--dtype int4 with less context");
        assertThat(FitCheck.choosePrecision(none)).isEmpty();

        // fp32 asked for: no quantised plan is offered in its place (bf16 is the suggestion)
        SizeRequest fp32 = new SizeRequest(32_768, true, 0, 0, 1280, 720, 30);
        SizeReport fp32Report = SizeReport.assess(SEVEN_B, fp32, new MemoryStatus(32 * gib, 18 * gib, List.of()), 20e9);
        assertThat(fp32Report.verdict().kind()).isEqualTo(FitCheck.Kind.DOES_NOT_FIT);
        assertThat(fp32Report.verdict().text()).contains("--dtype bf16");
    }

    @Test
    void shardsOnDiskGiveExactCountsPerDtype() {
        Path tiny = TestModels.tinyModel();
        ModelConfig tinyConfig = ModelFamilies.readConfig(tiny);
        ModelSizer.WeightsSize w = ModelSizer.weights(tiny, tinyConfig);
        assertThat(w.source()).isEqualTo("safetensors headers");
        // The fixture stores every tensor in BF16: bytes = 2 · parameters, and the count equals the config's.
        assertThat(w.byDtype()).containsOnlyKeys("BF16");
        assertThat(w.bytes()).isEqualTo(2 * w.parameters());
        assertThat(w.parameters()).isEqualTo(ModelSizer.parameterCounts(tinyConfig).total());
    }
}
