package dev.framewise.app.ui;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Writes small test videos: a red ball crossing a blue-grey floor, so frames differ visibly. */
public final class TestVideos {
    public static final int WIDTH = 320;
    public static final int HEIGHT = 180;

    private TestVideos() {
    }

    public static Path write(Path file, double seconds, int fps) throws Exception {
        int frames = (int) Math.round(seconds * fps);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps);
            recorder.setVideoQuality(3);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.start();
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < frames; i++) {
                paint(frame, i / (double) Math.max(1, frames - 1));
                recorder.setTimestamp(Math.round(i * 1_000_000.0 / fps));
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }

    private static void paint(Frame frame, double progress) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        double cx = 30 + progress * (WIDTH - 60);
        double cy = HEIGHT * 0.62 - Math.sin(progress * Math.PI) * 50;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean floor = y > HEIGHT * 0.72;
                int r = floor ? 90 : 170 + y / 6;
                int g = floor ? 100 : 195 + y / 8;
                int b = floor ? 120 : 225;
                double dx = x - cx;
                double dy = y - cy;
                if (dx * dx + dy * dy < 18 * 18) {
                    r = 220;
                    g = 40;
                    b = 40;
                } else if (x > 230 && x < 290 && y > 70 && y < HEIGHT * 0.72) {
                    r = 60;
                    g = 150;
                    b = 80;
                }
                int at = y * frame.imageStride + 3 * x;
                pixels.put(at, (byte) r);
                pixels.put(at + 1, (byte) g);
                pixels.put(at + 2, (byte) b);
            }
        }
    }
}
