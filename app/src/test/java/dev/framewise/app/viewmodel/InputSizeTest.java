package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.vision.MediaResize;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size the workbench scales grounding boxes from is the size the engine resizes the run's media to: for a
 * 1280x720 video that is the sampler's frame size (capped by its per-frame budget), not the image rule's.
 */
class InputSizeTest {

    @Test
    void aVideoRunUsesTheSamplersFrameSize(@TempDir Path dir) throws Exception {
        Path video = writeVideo(dir.resolve("wide.mp4"), 1280, 720, 12, 4);
        RunSpec spec = new RunSpec("where is the cup?", video, null, null, GenerationParams.greedy(8), 2.0, null, true, null);
        try (MediaSource source = Media.open(video)) {
            SampledFrames sampled = source.sample(VideoSampling.of(
                    new ContentPart.Video(video, 2.0, null, null, null, null, null, null)));
            assertThat(RequestFactory.inputSize(spec, source.info()))
                    .containsExactly(sampled.resizedHeight(), sampled.resizedWidth());
            // capped by the video frame budget (768·28²), where the image rule would have kept 728x1288
            assertThat(sampled.resizedHeight() * sampled.resizedWidth()).isLessThanOrEqualTo(768 * 28 * 28);
        }
    }

    @Test
    void anImageRunUsesSmartResizeWithTheRunsMaximum(@TempDir Path dir) throws Exception {
        Path video = writeVideo(dir.resolve("still.mp4"), 1280, 720, 1, 1);
        RunSpec spec = new RunSpec("what is this?", video, null, null, GenerationParams.greedy(8), null, 256 * 28 * 28, true, null);
        try (MediaSource source = Media.open(video)) {
            assertThat(RequestFactory.inputSize(spec, source.info()))
                    .containsExactly(MediaResize.targetSize(720, 1280, null, 256 * 28 * 28, null, null));
        }
    }

    private static Path writeVideo(Path file, int width, int height, int frames, int fps) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < frames; i++) {
                recorder.setTimestamp(Math.round(i * 1_000_000.0 / fps));
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }
}
