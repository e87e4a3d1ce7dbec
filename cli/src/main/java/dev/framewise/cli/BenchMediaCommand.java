package dev.framewise.cli;

import dev.framewise.engine.bench.Median;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.media.VideoSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code framewise bench media FILE}: open time, time to sample N frames uniformly (qwen-vl-utils nframes = N),
 * full-decode speed, and — when an {@code ffmpeg} binary is on PATH — the time the ffmpeg CLI takes to extract the
 * same frames as RGB in one process with a {@code select} filter, and our time divided by ffmpeg's.
 */
@Command(name = "media", mixinStandardHelpOptions = true,
        description = "Measure media opening, frame sampling and decoding speed, against the ffmpeg CLI if installed.")
public final class BenchMediaCommand implements Runnable {

    @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "A video file (e.g. a 10 s 1080p H.264 MP4).")
    Path file;

    @CommandLine.Option(names = "--frames", defaultValue = "32", description = "Frames to sample uniformly (default ${DEFAULT-VALUE}).")
    int frames;

    @CommandLine.Option(names = "--runs", defaultValue = "5", description = "Timed repetitions; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        long coldStart = System.nanoTime();
        MediaInfo info;
        try (MediaSource first = Media.open(file)) {
            out.printf("first open (loads FFmpeg): %.1f ms%n", millisSince(coldStart));
            info = first.info();
            if (!info.isVideo()) throw new CommandLine.ParameterException(spec.commandLine(), file + " is not a video");
            out.printf("%s: %s %dx%d, %.2f s, %d frames, %.3f fps%s%n", file.getFileName(), info.codec(), info.width(),
                    info.height(), info.durationSeconds(), info.frameCount(), info.averageFps(),
                    info.variableFrameRate() ? " (variable)" : "");
        }
        double[] open = new double[runs];
        double[] sample = new double[runs];
        double[] ffmpeg = new double[runs];
        long[] indices = null;
        boolean ffmpegWorks = true;
        // Ours and ffmpeg's runs alternate so that a busy machine slows both alike.
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            try (MediaSource source = Media.open(file)) {
                open[r] = millisSince(start);
                long sampleStart = System.nanoTime();
                SampledFrames sampled = source.sample(new VideoSampling(null, frames, null, null, null, null, null));
                sample[r] = millisSince(sampleStart);
                indices = sampled.indices();
            }
            if (ffmpegWorks) {
                ffmpeg[r] = ffmpegMillis(indices, 3L * indices.length * info.width() * info.height());
                ffmpegWorks = ffmpeg[r] >= 0;
            }
        }
        out.printf("open: %.1f ms (median of %d)%n", Median.of(open), runs);
        out.printf("sample %d frames uniformly: %.1f ms (median of %d)%n", indices.length, Median.of(sample), runs);
        try (VideoSource source = (VideoSource) Media.open(file)) {
            long start = System.nanoTime();
            long decoded = source.decodeAllFrames();
            double seconds = millisSince(start) / 1000;
            out.printf("full decode: %d frames in %.2f s = %.1f frames/s%n", decoded, seconds, decoded / seconds);
        }
        if (!ffmpegWorks) {
            out.println("ffmpeg CLI: not on PATH (or it failed), no comparison");
            return;
        }
        out.printf("ffmpeg CLI, same %d frames (one process, select filter, rgb24): %.1f ms (median of %d)%n",
                indices.length, Median.of(ffmpeg), runs);
        out.printf("ratio ours/ffmpeg: %.2f (open + sample: %.2f)%n", Median.of(sample) / Median.of(ffmpeg),
                (Median.of(open) + Median.of(sample)) / Median.of(ffmpeg));
    }

    /**
     * Wall time of one ffmpeg process extracting these frames as raw RGB (unrotated), or -1 if ffmpeg is missing,
     * fails, or does not deliver exactly the expected bytes.
     */
    private double ffmpegMillis(long[] indices, long expectedBytes) {
        StringBuilder select = new StringBuilder("select='");
        for (int i = 0; i < indices.length; i++) select.append(i > 0 ? "+" : "").append("eq(n\\,").append(indices[i]).append(')');
        select.append("'");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
                "-vf", select.toString(), "-fps_mode", "passthrough", "-pix_fmt", "rgb24", "-f", "rawvideo", "-"));
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long bytes;
            try (InputStream stdout = process.getInputStream()) {
                bytes = stdout.transferTo(OutputStream.nullOutputStream());
            }
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || bytes != expectedBytes) return -1;
            return millisSince(start);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
