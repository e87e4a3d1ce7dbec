package dev.framewise.cli;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.bench.FlopCount;
import dev.framewise.engine.bench.GemmRate;
import dev.framewise.engine.bench.Median;
import dev.framewise.engine.bench.RepeatedQuestionTimer;
import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.bench.SyntheticVisionTower;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.family.qwen3vl.Qwen3VisionConfig;
import dev.framewise.engine.family.qwen3vl.Qwen3VisionTower;
import dev.framewise.engine.family.qwen3vl.Qwen3VlFamily;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.MediaEncoder;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.VisionEmbeddingCache;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.store.FileTrees;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.PixelValues;
import dev.framewise.engine.vision.PreprocessorConfig;
import dev.framewise.engine.vision.VisionInputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code framewise bench vision --synthetic qwen2.5-vl-7b-vision}: vision-tower encode time for one image and one
 * video of random pixels on random weights of the published tower shape (Qwen2.5-VL or Qwen3-VL), each with its arithmetic rate (FLOPs counted
 * from the shapes, {@link FlopCount}) against a plain libtorch matrix product of the tower's MLP size measured in the
 * same run ({@link GemmRate}: "N % of GEMM"), and — given {@code --video FILE} — the
 * vision-side time of a first and a repeated question on that clip (decode, sample, preprocess, encode vs a
 * vision-embedding cache hit). With {@code --ttft qwen2.5-0.5b}, time to first token of a first question on the test
 * video and of repeated ones (see {@link RepeatedQuestionTimer}). Medians over {@code --runs}.
 */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Measure vision preprocessing and vision-tower encode time and rate (against a plain matrix "
                + "product), and the vision cache.")
public final class BenchVisionCommand implements Runnable {

    @CommandLine.Option(names = "--synthetic", required = true, paramLabel = "MODEL",
            description = "Random weights of this tower shape: qwen2.5-vl-7b-vision, qwen2.5-vl-3b-vision, "
                    + "qwen3-vl-2b-vision (Cosmos-Reason2-2B's) or qwen3-vl-8b-vision (Cosmos-Reason2-8B's).")
    String synthetic;

    @CommandLine.Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

    @CommandLine.Option(names = "--dtype", converter = PlacementOptions.PrecisionConverter.class,
            description = "fp32 or bf16 (default: bf16 on CUDA, fp32 on the CPU).")
    Precision dtype;

    @CommandLine.Option(names = "--image-size", defaultValue = "448", description = "Side of the square test image in pixels, a multiple of 28 (default ${DEFAULT-VALUE}).")
    int imageSize;

    @CommandLine.Option(names = "--frames", defaultValue = "32", description = "Frames of the test video (default ${DEFAULT-VALUE}).")
    int frames;

    @CommandLine.Option(names = "--video-size", defaultValue = "448", description = "Side of the square test video frames in pixels (default ${DEFAULT-VALUE}).")
    int videoSize;

    @CommandLine.Option(names = "--video", paramLabel = "FILE", description = "A clip to time a first and a repeated question on (vision side).")
    Path video;

    @CommandLine.Option(names = "--ttft", paramLabel = "TEXT_MODEL",
            description = "Also time to first token of a first and a repeated question on the test video, with random "
                    + "weights of this language model shape (qwen2.5-0.5b); the tower's merger then projects into its width.")
    String ttftModel;

    @CommandLine.Option(names = "--runs", defaultValue = "3", description = "Timed repetitions; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;

    @CommandLine.Option(names = "--profile", paramLabel = "DIR",
            description = "Also encode the image and the video once more each under libtorch's operator profiler: "
                    + "Chrome traces into DIR (image.json, video.json) and the operators' time side by side.")
    Path profile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (imageSize % 28 != 0 || videoSize % 28 != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--image-size and --video-size must be multiples of 28");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (SyntheticVisionTower.isQwen3(synthetic)) {
            if (video != null || ttftModel != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--video and --ttft are for the Qwen2.5-VL towers; a Qwen3-VL tower reports its encode rate only");
            }
            if (imageSize % 32 != 0 || videoSize % 32 != 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "a Qwen3-VL tower takes --image-size and --video-size in multiples of 32");
            }
            qwen3(out);
            return;
        }
        VisionConfig preset = SyntheticVisionTower.preset(synthetic);
        TextConfig text = ttftModel == null ? null : SyntheticCheckpoint.preset(ttftModel);
        VisionConfig config = text == null ? preset : withOutHidden(preset, text.hiddenSize());
        ComputeDevice dev = ComputeDevice.resolve(device);
        Precision precision = precisionOn(dev);
        Path dir = tempDir();
        try (TensorProgram program = Qwen25VlFamily.INSTANCE.loadProgram()) {
            writeWeights(out, () -> SyntheticVisionTower.write(config, dir));
            long start = System.nanoTime();
            try (VisionEncoder encoder = VisionEncoder.load(program, config, Weights.open(dir), precision, dev)) {
                out.printf("loaded on %s in %s in %.1f s%n", dev, precision, seconds(start));
                ImagePreprocessor processor = new ImagePreprocessor(processorConfig(config));
                PixelValues image = processor.image(noise(imageSize, 1));
                List<RgbImage> clip = new ArrayList<>();
                for (int i = 0; i < frames; i++) clip.add(noise(videoSize, i + 2));
                double preprocessMs = median(() -> time(() -> processor.video(clip)));
                PixelValues videoPixels = processor.video(clip);
                double imageMs = encodeMs(encoder, image);
                report(out, "image " + imageSize + "x" + imageSize, image, imageMs, 0);
                double videoMs = encodeMs(encoder, videoPixels);
                report(out, "video " + frames + " frames " + videoSize + "x" + videoSize, videoPixels, videoMs,
                        preprocessMs);
                int scalarType = VisionEncoder.computeScalarType(precision, dev);
                rate(out, program, "image", FlopCount.qwen25Vision(config, image.grids()), imageMs, image.patches(),
                        config.hiddenSize(), config.intermediateSize(), scalarType, dev);
                int perCall = Math.min(videoPixels.patches(), VisionEncoder.SLICES_PER_CALL
                        * videoPixels.grids().get(0).h() * videoPixels.grids().get(0).w());
                rate(out, program, "video", FlopCount.qwen25Vision(config, videoPixels.grids()), videoMs, perCall,
                        config.hiddenSize(), config.intermediateSize(), scalarType, dev);
                profile(out, imageMs, () -> encoder.encodeToHost(image, VisionEncoder.SLICES_PER_CALL,
                        ChunkProgress.NONE), videoMs, () -> encoder.encodeToHost(videoPixels,
                        VisionEncoder.SLICES_PER_CALL, ChunkProgress.NONE));
                if (video != null) repeatedQuestion(out, processor, encoder);
                if (text != null) {
                    SyntheticCheckpoint.write(dir.resolve("text"), text, 1207);
                    try (LanguageModel model = LanguageModel.load(program, text, Weights.open(dir.resolve("text")),
                            precision, dev)) {
                        new RepeatedQuestionTimer(program, model, encoder, config).report(out, videoPixels, runs);
                    }
                }
            }
        } finally {
            FileTrees.deleteQuietly(dir);
        }
    }

    private void repeatedQuestion(PrintWriter out, ImagePreprocessor processor, VisionEncoder encoder) {
        MediaEncoder media = new MediaEncoder(new VisionInputs(processor), encoder, new VisionEmbeddingCache(1L << 30),
                synthetic, false);
        ContentPart.Video part = new ContentPart.Video(video, 4.0, null, null, null, 12845056, null, null);
        double first = time(() -> media.encode(part));
        double repeated = median(() -> time(() -> media.encode(part)));
        out.printf("%s (fps 4, total pixels 12845056): first question %.1f ms, repeated %.2f ms (%.2f %%) "
                + "[vision side: decode + sample + preprocess + tower vs cache hit; prefill not included]%n",
                video.getFileName(), first, repeated, 100 * repeated / first);
    }

    /**
     * Encode time including the copy of the embeddings to the host (what the cache stores), a video in groups of
     * temporal slices as the engine encodes it.
     */
    private double encodeMs(VisionEncoder encoder, PixelValues pixels) {
        Supplier<float[]> encode = () -> encoder.encodeToHost(pixels, VisionEncoder.SLICES_PER_CALL, ChunkProgress.NONE);
        time(encode); // warm-up
        return median(() -> time(encode));
    }

    /**
     * The tower's arithmetic rate for one encode beside a plain matrix product as large as one tower call's MLP
     * input matrix ({@code [patches per call, hidden] x [hidden, intermediate]}), measured right after it.
     */
    private void rate(PrintWriter out, TensorProgram program, String what, double flops, double ms, int rows,
                      int hidden, int intermediate, int scalarType, ComputeDevice dev) {
        GemmRate gemm = GemmRate.measure(program, rows, hidden, intermediate, scalarType, dev.torchName, runs);
        out.printf(Locale.ROOT, "%-6s %.2f TFLOP in %.1f ms: %.1f GFLOP/s; %s: %.0f %% of GEMM%n", what, flops / 1e12,
                ms, flops / ms / 1e6, gemm.describe(), gemm.percentOf(flops, ms / 1000));
    }

    /** The Qwen3-VL towers: encode time and rate of a random image and video (no preprocessing: random patches). */
    private void qwen3(PrintWriter out) {
        Qwen3VisionConfig config = SyntheticVisionTower.qwen3Preset(synthetic);
        ComputeDevice dev = ComputeDevice.resolve(device);
        Precision precision = precisionOn(dev);
        Path dir = tempDir();
        try (TensorProgram program = Qwen3VlFamily.INSTANCE.loadProgram()) {
            writeWeights(out, () -> SyntheticVisionTower.write(config, dir));
            long start = System.nanoTime();
            try (Qwen3VisionTower tower = Qwen3VisionTower.load(program, config, Weights.open(dir), precision, dev)) {
                out.printf("loaded on %s in %s in %.1f s%n", dev, precision, seconds(start));
                int patchDim = config.inChannels() * config.temporalPatchSize() * config.patchSize() * config.patchSize();
                PixelValues image = randomPatches(new GridThw(1, imageSize / config.patchSize(),
                        imageSize / config.patchSize()), patchDim, 1);
                PixelValues clip = randomPatches(new GridThw((frames + 1) / 2, videoSize / config.patchSize(),
                        videoSize / config.patchSize()), patchDim, 2);
                double imageMs = qwen3EncodeMs(tower, image);
                report(out, "image " + imageSize + "x" + imageSize, image, imageMs, 0);
                double videoMs = qwen3EncodeMs(tower, clip);
                report(out, "video " + frames + " frames " + videoSize + "x" + videoSize, clip, videoMs, 0);
                int scalarType = VisionEncoder.computeScalarType(precision, dev);
                rate(out, program, "image", FlopCount.qwen3Vision(config, image.grids()), imageMs, image.patches(),
                        config.hiddenSize(), config.intermediateSize(), scalarType, dev);
                rate(out, program, "video", FlopCount.qwen3Vision(config, clip.grids()), videoMs, clip.patches(),
                        config.hiddenSize(), config.intermediateSize(), scalarType, dev);
                profile(out, imageMs, () -> tower.encode(image, VisionEncoder.SLICES_PER_CALL, ChunkProgress.NONE),
                        videoMs, () -> tower.encode(clip, VisionEncoder.SLICES_PER_CALL, ChunkProgress.NONE));
            }
        } finally {
            FileTrees.deleteQuietly(dir);
        }
    }

    private double qwen3EncodeMs(Qwen3VisionTower tower, PixelValues pixels) {
        Supplier<Qwen3VisionTower.Output> encode = () -> tower.encode(pixels, VisionEncoder.SLICES_PER_CALL, ChunkProgress.NONE);
        time(encode); // warm-up
        return median(() -> time(encode));
    }

    /** With {@code --profile}: one image and one video encode under the operator profiler, summarised. */
    private void profile(PrintWriter out, double imageMs, Supplier<?> image, double videoMs, Supplier<?> video) {
        if (profile == null) return;
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot create the folder " + profile
                    + " for --profile: " + e.getMessage());
        }
        VisionProfile profiles = new VisionProfile();
        profiles.record(profile, "image", imageMs, () -> time(image));
        profiles.record(profile, "video", videoMs, () -> time(video));
        profiles.print(out);
    }

    /** Normalised pixel values in [-1, 1], as the processor gives them, for one grid. */
    private static PixelValues randomPatches(GridThw grid, int patchDim, long seed) {
        float[] values = new float[grid.patches() * patchDim];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextDouble() * 2 - 1);
        return new PixelValues(values, patchDim, List.of(grid));
    }

    private static void report(PrintWriter out, String what, PixelValues pixels, double encodeMs, double preprocessMs) {
        int tokens = pixels.grids().get(0).tokens(2);
        out.printf("%-28s %6d patches %5d tokens  encode %9.1f ms (%7.1f tokens/s)%s%n", what, pixels.patches(), tokens,
                encodeMs, tokens * 1000.0 / encodeMs, preprocessMs > 0 ? String.format("  preprocess %.1f ms", preprocessMs) : "");
    }

    private double median(Supplier<Double> run) {
        double[] t = new double[Math.max(1, runs)];
        for (int i = 0; i < t.length; i++) t[i] = run.get();
        return Median.of(t);
    }

    private static double time(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e6;
    }

    /** The tower with its patch merger projecting into another language model's width. */
    private static VisionConfig withOutHidden(VisionConfig c, int outHidden) {
        return new VisionConfig(c.depth(), c.hiddenSize(), c.intermediateSize(), c.numHeads(), c.inChannels(), outHidden,
                c.patchSize(), c.spatialMergeSize(), c.temporalPatchSize(), c.windowSize(), c.fullAttentionBlocks(),
                c.tokensPerSecond(), c.hiddenAct());
    }

    private static PreprocessorConfig processorConfig(VisionConfig c) {
        float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
        float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
        return new PreprocessorConfig(3136, 12845056, c.patchSize(), c.temporalPatchSize(), c.spatialMergeSize(), mean, std);
    }

    private static RgbImage noise(int size, long seed) {
        byte[] rgb = new byte[3 * size * size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) random.nextInt(256);
        return new RgbImage(size, size, rgb);
    }

    /** The precision asked for, else bf16 on a GPU and fp32 on the CPU. */
    private Precision precisionOn(ComputeDevice dev) {
        return dtype != null ? dtype : dev == ComputeDevice.CUDA ? Precision.BF16 : Precision.FP32;
    }

    /** Writes a tower's random weights, saying how long it took. */
    private void writeWeights(PrintWriter out, Runnable write) {
        long start = System.nanoTime();
        write.run();
        out.printf("%s: random weights written in %.1f s%n", synthetic, seconds(start));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("framewise-bench-vision");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
