package dev.framewise.engine.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;

/**
 * Every frame of clips in several containers and codecs, asked for by index and by time in random order, must be
 * exactly that frame: B-frame reordering, variable frame rate, streams that do not start at 0, rotation.
 */
class ExactAccessTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> clips() {
        return Stream.of(
                Arguments.of("h264.mp4", TestClips.Spec.cfr("mp4", AV_CODEC_ID_H264, 30, 25)),
                Arguments.of("mpeg4-bframes.mkv", TestClips.Spec.cfr("matroska", AV_CODEC_ID_MPEG4, 30, 24).withBFrames(2)),
                Arguments.of("mpeg4-bframes.mp4", TestClips.Spec.cfr("mp4", AV_CODEC_ID_MPEG4, 30, 30).withBFrames(2)),
                Arguments.of("mjpeg.avi", TestClips.Spec.cfr("avi", AV_CODEC_ID_MJPEG, 20, 10)),
                Arguments.of("vp9.webm", TestClips.Spec.cfr("webm", AV_CODEC_ID_VP9, 20, 30)),
                Arguments.of("vfr-h264.mp4", TestClips.Spec.variable("mp4", AV_CODEC_ID_H264, 30)),
                Arguments.of("vfr-mpeg4.mkv", TestClips.Spec.variable("matroska", AV_CODEC_ID_MPEG4, 30).withBFrames(2)),
                Arguments.of("late-start.mkv", TestClips.Spec.starting("matroska", AV_CODEC_ID_MPEG4, 25, 25, 1_600_000)),
                Arguments.of("late-start.mp4", TestClips.Spec.starting("mp4", AV_CODEC_ID_H264, 25, 25, 1_600_000)),
                Arguments.of("rotated90.mp4", TestClips.Spec.cfr("mp4", AV_CODEC_ID_H264, 20, 20).rotated(90)),
                Arguments.of("rotated270.mkv", TestClips.Spec.cfr("matroska", AV_CODEC_ID_MPEG4, 20, 20).rotated(270)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void everyFrameByIndexAndByTime(String name, TestClips.Spec spec) throws Exception {
        Path clip = clip(name, spec);
        int frames = spec.timestampsMicros().length;
        try (MediaSource source = Media.open(clip, new FrameCache(0))) {
            MediaInfo info = source.info();
            assertThat(info.frameCount()).isEqualTo(frames);
            assertThat(info.rotationDegrees()).isEqualTo(spec.rotation());
            assertThat(info.variableFrameRate()).isEqualTo(spec.frameRate() == 1000);
            assertThat(info.startSeconds()).isCloseTo(spec.timestampsMicros()[0] / 1e6, within(0.002));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < frames; i++) order.add(i);
            Collections.shuffle(order, new Random(frames));
            for (int i : order) {
                assertThat(source.timeOfIndex(i)).as("time of %d", i).isCloseTo(spec.secondsAfterFirst(i), within(0.001));
                assertThat(indexIn(source.frameAt(i), info)).as("frame %d by index", i).isEqualTo(i);
                double shown = i + 1 < frames ? (spec.secondsAfterFirst(i) + spec.secondsAfterFirst(i + 1)) / 2 : spec.secondsAfterFirst(i) + 0.001;
                assertThat(source.indexAtTime(shown)).as("index at %.4f s", shown).isEqualTo(i);
                assertThat(indexIn(source.frameAtTime(source.timeOfIndex(i)), info)).as("frame at its own time %d", i).isEqualTo(i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void sampledFramesAreTheOnesIndexed(String name, TestClips.Spec spec) throws Exception {
        Path clip = clip(name, spec);
        try (MediaSource source = Media.open(clip, new FrameCache(0))) {
            source.frameAt(source.info().frameCount() / 2); // leave the decoder mid-stream
            SampledFrames sampled = source.sample(new VideoSampling(null, 8, null, null, null, null, null));
            assertThat(sampled.indices()).hasSize(8);
            for (int i = 0; i < 8; i++) {
                assertThat(indexIn(sampled.frames().get(i), source.info())).isEqualTo(sampled.indices()[i]);
                assertThat(sampled.timestampsSeconds()[i]).isCloseTo(spec.secondsAfterFirst((int) sampled.indices()[i]), within(0.001));
            }
        }
    }

    /**
     * AVI stores decode times only; with B-frames the frames are counted from the start. The last frame of such a
     * file does not come out of FFmpeg's decoder here: it must be reported, not replaced by another.
     */
    @Test
    void aviWithBFramesCountsFramesFromTheStart() throws Exception {
        Path clip = clip("mpeg4-bframes.avi", TestClips.Spec.cfr("avi", AV_CODEC_ID_MPEG4, 30, 25).withBFrames(2));
        try (MediaSource source = Media.open(clip, new FrameCache(0))) {
            assertThat(source.info().frameCount()).isEqualTo(30);
            for (int i : new int[] {17, 3, 25, 0, 12, 28, 9, 1}) {
                assertThat(TestClips.indexOf(source.frameAt(i))).as("frame %d", i).isEqualTo(i);
            }
            assertThatThrownBy(() -> source.frameAt(29)).isInstanceOf(MediaException.class)
                    .hasMessageContaining("frame 29 could not be decoded");
            SampledFrames sampled = source.sample(new VideoSampling(null, 6, null, null, null, 0.0, 1.1));
            for (int i = 0; i < 6; i++) assertThat(TestClips.indexOf(sampled.frames().get(i))).isEqualTo(sampled.indices()[i]);
            for (MediaSource.Thumbnail thumbnail : source.filmstrip(3, 80)) {
                int shown = TestClips.indexOf(thumbnail.image());
                assertThat(thumbnail.timestampSeconds()).isCloseTo(source.timeOfIndex(shown), within(1e-9));
            }
        }
    }

    private static Path clip(String name, TestClips.Spec spec) throws Exception {
        Path clip = dir.resolve(name);
        return Files.exists(clip) ? clip : TestClips.write(clip, spec);
    }

    /** Reads the painted index after turning the displayed frame back to the stored orientation. */
    private static int indexIn(RgbImage displayed, MediaInfo info) {
        assertThat(displayed.width()).isEqualTo(info.displayWidth());
        assertThat(displayed.height()).isEqualTo(info.displayHeight());
        return TestClips.indexOf(ImageOps.rotateClockwise(displayed, 360 - info.rotationDegrees()));
    }
}
