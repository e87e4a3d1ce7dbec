package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes tiny test videos whose frames carry their own index: 8 vertical bars, bar b white when bit b of the
 * index is set. Bars 20 px wide survive any lossy codec, so a decoded frame says which frame it is.
 */
final class TestClips {
    static final int WIDTH = 160;
    static final int HEIGHT = 96;
    private static final int BITS = 8;
    private static final int BAR = WIDTH / BITS;

    private TestClips() {
    }

    /** A clip description: container, codec, per-frame timestamps in microseconds, extra metadata. */
    record Spec(String format, int codec, long[] timestampsMicros, double frameRate, Map<String, String> metadata) {
        static Spec cfr(String format, int codec, int frames, double fps) {
            long[] ts = new long[frames];
            for (int i = 0; i < frames; i++) ts[i] = Math.round(i * 1_000_000 / fps);
            return new Spec(format, codec, ts, fps, Map.of());
        }

        Spec withMetadata(Map<String, String> extra) {
            return new Spec(format, codec, timestampsMicros, frameRate, extra);
        }
    }

    static Path write(Path file, Spec spec) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
            recorder.setFormat(spec.format());
            recorder.setVideoCodec(spec.codec());
            recorder.setFrameRate(spec.frameRate());
            recorder.setGopSize(10);
            recorder.setVideoQuality(spec.codec() == avcodec.AV_CODEC_ID_MJPEG ? 2 : 20);
            recorder.setPixelFormat(spec.codec() == avcodec.AV_CODEC_ID_MJPEG ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);
            if (spec.codec() == avcodec.AV_CODEC_ID_H264) {
                recorder.setVideoOption("preset", "veryfast");
                recorder.setVideoOption("x264-params", "bframes=2:keyint=10:min-keyint=10:scenecut=0");
            }
            spec.metadata().forEach(recorder::setVideoMetadata);
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
