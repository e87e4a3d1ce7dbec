package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Probe and basic access on a constant-rate H.264 MP4. */
class VideoProbeTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = TestClips.write(dir.resolve("cfr.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_H264, 45, 15));
    }

    @Test
    void probesTheClip() {
        try (MediaSource source = Media.open(clip)) {
            MediaInfo info = source.info();
            assertThat(info.kind()).isEqualTo(MediaInfo.Kind.VIDEO);
            assertThat(info.codec()).isEqualTo("h264");
            assertThat(info.width()).isEqualTo(TestClips.WIDTH);
            assertThat(info.height()).isEqualTo(TestClips.HEIGHT);
            assertThat(info.frameCount()).isEqualTo(45);
            assertThat(info.frameCountExact()).isTrue();
            assertThat(info.averageFps()).isCloseTo(15.0, within(1e-9));
            assertThat(info.durationSeconds()).isCloseTo(3.0, within(1e-9));
            assertThat(info.variableFrameRate()).isFalse();
            assertThat(info.rotationDegrees()).isZero();
        }
    }

    @Test
    void everyIndexInRandomOrderGivesThatFrame() {
        try (MediaSource source = Media.open(clip, new FrameCache(0))) {
            long[] order = {44, 0, 17, 3, 29, 30, 1, 44, 12, 11, 10, 9, 38, 2};
            for (long i : order) assertThat(TestClips.indexOf(source.frameAt(i))).as("frame %d", i).isEqualTo(i);
        }
    }

    @Test
    void timesMapToTheFrameOnScreen() {
        try (MediaSource source = Media.open(clip, new FrameCache(0))) {
            assertThat(TestClips.indexOf(source.frameAtTime(0))).isZero();
            assertThat(TestClips.indexOf(source.frameAtTime(1.0))).isEqualTo(15);
            assertThat(TestClips.indexOf(source.frameAtTime(1.0 - 1e-3))).isEqualTo(14);
            assertThat(TestClips.indexOf(source.frameAtTime(2.99))).isEqualTo(44);
            assertThat(source.indexAtTime(100)).isEqualTo(44);
            assertThat(source.timeOfIndex(15)).isCloseTo(1.0, within(1e-9));
        }
    }
}
