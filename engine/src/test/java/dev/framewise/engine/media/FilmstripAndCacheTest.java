package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilmstripAndCacheTest {
    @TempDir
    Path dir;

    /** 60 frames at 20 fps with a key frame every 10: each slice's centre is nearest to one key frame. */
    @Test
    void filmstripShowsTheKeyFrameNearestEachSlice() throws Exception {
        Path clip = TestClips.write(dir.resolve("strip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_H264, 60, 20));
        try (MediaSource source = Media.open(clip)) {
            List<MediaSource.Thumbnail> strip = source.filmstrip(6, 80);
            assertThat(strip).hasSize(6);
            for (int i = 0; i < 6; i++) {
                RgbImage image = strip.get(i).image();
                assertThat(image.width()).isEqualTo(80);
                assertThat(image.height()).isEqualTo(48);
                assertThat(TestClips.indexOf(image)).isEqualTo(10 * i);
                assertThat(strip.get(i).timestampSeconds()).isEqualTo(source.timeOfIndex(10 * i));
            }
            // Odd widths: swscale gets padded rows whatever the width.
            assertThat(source.filmstrip(2, 37)).allSatisfy(t -> assertThat(t.image().width()).isEqualTo(37));
        }
    }

    @Test
    void anExactFilmstripShowsTheFrameAtTheCentreOfEachSlice() throws Exception {
        Path clip = TestClips.write(dir.resolve("exact.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_H264, 60, 20));
        try (MediaSource source = Media.open(clip)) {
            List<MediaSource.Thumbnail> strip = source.exactFilmstrip(6, 80);
            assertThat(strip).hasSize(6);
            for (int i = 0; i < 6; i++) {
                int centre = 10 * i + 5; // 3 s in six slices of 0.5 s: the frame at 0.25 s, 0.75 s, ...
                assertThat(TestClips.indexOf(strip.get(i).image())).isEqualTo(centre);
                assertThat(strip.get(i).timestampSeconds()).isEqualTo(source.timeOfIndex(centre));
            }
            // and the fast strip after it still finds its key frames
            assertThat(TestClips.indexOf(source.filmstrip(6, 80).get(3).image())).isEqualTo(30);
        }
    }

    @Test
    void scrubbingReusesCachedFrames() throws Exception {
        Path clip = TestClips.write(dir.resolve("scrub.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_H264, 20, 20));
        FrameCache cache = new FrameCache(3L * TestClips.WIDTH * TestClips.HEIGHT * 4);
        try (MediaSource source = Media.open(clip, cache)) {
            RgbImage seven = source.frameAt(7);
            assertThat(source.frameAt(7)).isSameAs(seven);
            assertThat(cache.get(clip, 7)).isSameAs(seven);
            for (int i = 10; i < 20; i++) source.frameAt(i);
            assertThat(cache.size()).isEqualTo(4);
            assertThat(cache.get(clip, 7)).isNull();
        }
    }

    @Test
    void cacheEvictsLeastRecentlyUsedWithinItsBytes() {
        FrameCache cache = new FrameCache(90);
        Path file = Path.of("clip.mp4");
        RgbImage[] images = new RgbImage[4];
        for (int i = 0; i < 4; i++) images[i] = new RgbImage(2, 5, new byte[30]);
        cache.put(file, 0, images[0]);
        cache.put(file, 1, images[1]);
        cache.put(file, 2, images[2]);
        assertThat(cache.get(file, 0)).isSameAs(images[0]); // 0 is now the most recent; 1 the least
        cache.put(file, 3, images[3]);
        assertThat(cache.get(file, 1)).isNull();
        assertThat(cache.get(file, 0)).isSameAs(images[0]);
        assertThat(cache.sizeInBytes()).isEqualTo(90);
        cache.put(file, 9, new RgbImage(10, 10, new byte[300]));
        assertThat(cache.get(file, 9)).isNull();
        assertThat(cache.size()).isEqualTo(3);
        cache.put(file, 0, images[1]);
        assertThat(cache.sizeInBytes()).isEqualTo(90);
    }
}
