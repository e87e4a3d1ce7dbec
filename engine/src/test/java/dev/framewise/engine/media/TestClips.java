package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Writes tiny test videos whose frames carry their own index: 8 vertical bars, bar b white when bit b of the
 * index is set. Bars 20 px wide survive any lossy codec, so a decoded frame says which frame it is.
 */
public final class TestClips {
    static final int WIDTH = 160;
    static final int HEIGHT = 96;
    private static final int BITS = 8;
    private static final int BAR = WIDTH / BITS;

    private TestClips() {
    }

    /** A clip description: container, codec, per-frame timestamps in microseconds, extra metadata. */
    public record Spec(String format, int codec, long[] timestampsMicros, double frameRate, int bFrames, int rotation) {
        public static Spec cfr(String format, int codec, int frames, double fps) {
            return starting(format, codec, frames, fps, 0);
        }

        /** Constant rate, first frame at {@code startMicros}. */
        static Spec starting(String format, int codec, int frames, double fps, long startMicros) {
            long[] ts = new long[frames];
            for (int i = 0; i < frames; i++) ts[i] = startMicros + Math.round(i * 1_000_000 / fps);
            return new Spec(format, codec, ts, fps, 0, 0);
        }

        /** Variable rate: frame durations cycle through 40, 120, 20 and 200 ms, in a 1 ms time base. */
        static Spec variable(String format, int codec, int frames) {
            long[] cycle = {40_000, 120_000, 20_000, 200_000};
            long[] ts = new long[frames];
            for (int i = 1; i < frames; i++) ts[i] = ts[i - 1] + cycle[(i - 1) % cycle.length];
            return new Spec(format, codec, ts, 1000, 0, 0);
        }

        Spec withBFrames(int count) {
            return new Spec(format, codec, timestampsMicros, frameRate, count, rotation);
        }

        /** Stored upright, to be shown turned clockwise by this angle (as a phone held sideways records). */
        Spec rotated(int degreesClockwise) {
            return new Spec(format, codec, timestampsMicros, frameRate, bFrames, degreesClockwise);
        }

        double secondsAfterFirst(int index) {
            return (timestampsMicros[index] - timestampsMicros[0]) / 1e6;
        }
    }

    public static Path write(Path file, Spec spec) throws Exception {
        Ffmpeg.configure();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
            recorder.setFormat(spec.format());
            recorder.setVideoCodec(spec.codec());
            recorder.setFrameRate(spec.frameRate());
            recorder.setGopSize(10);
            recorder.setVideoBitrate(400_000);
            recorder.setPixelFormat(spec.codec() == avcodec.AV_CODEC_ID_MJPEG ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);
            if (spec.bFrames() > 0) recorder.setVideoOption("bf", Integer.toString(spec.bFrames()));
            if (spec.codec() == avcodec.AV_CODEC_ID_VP9) {
                recorder.setVideoOption("deadline", "realtime");
                recorder.setVideoOption("cpu-used", "8");
            }
            // JavaCV's angle turns out counter-clockwise: FFmpeg shows setDisplayRotation(90) turned 90° to the left.
            if (spec.rotation() != 0) recorder.setDisplayRotation(-spec.rotation());
            recorder.start();
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < spec.timestampsMicros().length; i++) {
                paint(frame, i);
                recorder.setTimestamp(spec.timestampsMicros()[i]);
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }

    private static void paint(Frame frame, int index) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int bit = (index >> (x / BAR)) & 1;
                // A tint per row half makes rotation visible: top half reddish, bottom bluish.
                int base = bit == 1 ? 230 : 25;
                int at = y * frame.imageStride + 3 * x;
                pixels.put(at, (byte) (y < HEIGHT / 2 ? base : base / 2));
                pixels.put(at + 1, (byte) base);
                pixels.put(at + 2, (byte) (y < HEIGHT / 2 ? base / 2 : base));
            }
        }
    }

    /** Reads the index back from a decoded frame in its stored (unrotated) orientation. */
    static int indexOf(RgbImage image) {
        int index = 0;
        for (int b = 0; b < BITS; b++) {
            int x = b * BAR * image.width() / WIDTH + BAR * image.width() / WIDTH / 2;
            if (image.get(x, image.height() / 4, 1) > 128) index |= 1 << b;
        }
        return index;
    }
}
