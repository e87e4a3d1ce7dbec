package dev.framewise.cli;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.bench.Median;
import dev.framewise.engine.bench.RepeatedQuestionTimer;
import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.bench.SyntheticVisionTower;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.media.RgbImage;
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
import dev.framewise.engine.torch.TorchValue;
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
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code framewise bench vision --synthetic qwen2.5-vl-7b-vision}: vision-tower encode time for one image and one
 * video of random pixels on random weights of the published tower shape, and — given {@code --video FILE} — the
 * vision-side time of a first and a repeated question on that clip (decode, sample, preprocess, encode vs a
 * vision-embedding cache hit). With {@code --ttft qwen2.5-0.5b}, time to first token of a first question on the test
 * video and of repeated ones (see {@link RepeatedQuestionTimer}). Medians over {@code --runs}.
 */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Measure vision preprocessing and vision-tower encode time, and the vision cache.")
public final class BenchVisionCommand implements Runnable {

    @CommandLine.Option(names = "--synthetic", required = true, paramLabel = "MODEL",
            description = "Random weights of this tower shape: qwen2.5-vl-7b-vision or qwen2.5-vl-3b-vision.")
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (imageSize % 28 != 0 || videoSize % 28 != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--image-size and --video-size must be multiples of 28");
        }
        PrintWriter out = spec.commandLine().getOut();
        VisionConfig preset = SyntheticVisionTower.preset(synthetic);
        TextConfig text = ttftModel == null ? null : SyntheticCheckpoint.preset(ttftModel);
        VisionConfig config = text == null ? preset : withOutHidden(preset, text.hiddenSize());
        ComputeDevice dev = ComputeDevice.resolve(device);
        Precision precision = dtype != null ? dtype : dev == ComputeDevice.CUDA ? Precision.BF16 : Precision.FP32;
        Path dir = tempDir();
        try (TensorProgram program = Qwen25VlFamily.INSTANCE.loadProgram()) {
            long start = System.nanoTime();
            SyntheticVisionTower.write(config, dir);
            out.printf("%s: random weights written in %.1f s%n", synthetic, seconds(start));
            start = System.nanoTime();
            try (VisionEncoder encoder = VisionEncoder.load(program, config, Weights.open(dir), precision, dev)) {
                out.printf("loaded on %s in %s in %.1f s%n", dev, precision, seconds(start));
                ImagePreprocessor processor = new ImagePreprocessor(processorConfig(config));
                PixelValues image = processor.image(noise(imageSize, 1));
                List<RgbImage> clip = new ArrayList<>();
                for (int i = 0; i < frames; i++) clip.add(noise(videoSize, i + 2));
                double preprocessMs = median(() -> time(() -> processor.video(clip)));
                PixelValues videoPixels = processor.video(clip);
                report(out, "image " + imageSize + "x" + imageSize, image, encodeMs(encoder, image), 0);
                report(out, "video " + frames + " frames " + videoSize + "x" + videoSize, videoPixels,
                        encodeMs(encoder, videoPixels), preprocessMs);
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

    /** Encode time including the copy of the embeddings to the host (what the cache stores). */
    private double encodeMs(VisionEncoder encoder, PixelValues pixels) {
        Supplier<float[]> encode = () -> {
            try (TorchValue embeddings = encoder.encode(pixels)) {
                return encoder.toHostFloats(embeddings);
            }
        };
        time(encode); // warm-up
        return median(() -> time(encode));
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
