package dev.framewise.engine.vision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.VideoSampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImagePreprocessorTest {
    private final ImagePreprocessor processor = new ImagePreprocessor(TinyFixture.preprocessorConfig());

    /** qwen-vl-utils fetch_image (smart_resize + Pillow bicubic) then the image processor, for every image of a case. */
    static PixelValues imagesOf(ImagePreprocessor processor, JsonNode testCase) {
        List<PixelValues> parts = new ArrayList<>();
        for (JsonNode image : testCase.get("images")) {
            RgbImage loaded = TinyFixture.png(image.get("file").asText());
            RgbImage fetched = MediaResize.fetchImage(loaded, image.get("min_pixels").asInt(),
                    image.get("max_pixels").asInt(), null, null);
            assertThat(new int[] {fetched.height(), fetched.width()})
                    .isEqualTo(TinyFixture.ints(image.get("resized_hw")));
            parts.add(processor.image(fetched));
        }
        return concat(parts);
    }

    /** The processor batches all images of a prompt into one pixel_values, in order. */
    private static PixelValues concat(List<PixelValues> parts) {
        int total = parts.stream().mapToInt(p -> p.values().length).sum();
        float[] all = new float[total];
        List<GridThw> grids = new ArrayList<>();
        int offset = 0;
        for (PixelValues p : parts) {
            System.arraycopy(p.values(), 0, all, offset, p.values().length);
            offset += p.values().length;
            grids.addAll(p.grids());
        }
        return new PixelValues(all, 1176, grids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "e_two_images"})
    void pixelValuesMatchGoldenExactly(String id) {
        JsonNode testCase = TinyFixture.testCase(id);
        float[] golden = TinyFixture.golden(testCase.get("pixel_values"));

        PixelValues pixels = imagesOf(processor, testCase);

        assertThat(pixels.grids()).isEqualTo(TinyFixture.grids(testCase.get("image_grid_thw")));
        assertThat(pixels.patchDim()).isEqualTo(1176);
        assertThat(pixels.values()).hasSameSizeAs(golden);
        float maxDiff = 0;
        for (int i = 0; i < golden.length; i++) maxDiff = Math.max(maxDiff, Math.abs(golden[i] - pixels.values()[i]));
        assertThat(maxDiff).isLessThanOrEqualTo(1e-6f);
    }

    /** Case d: the media layer's qwen-vl-utils sampling (fps 1.5 → 6 frames), the video resize, the processor. */
    @Test
    void videoPixelValuesMatchGoldenExactly() {
        JsonNode testCase = TinyFixture.testCase("d_video");
        JsonNode video = testCase.get("videos").get(0);
        SampledFrames sampled;
        try (MediaSource source = Media.open(TinyFixture.DIR.resolve(video.get("file").asText()))) {
            sampled = source.sample(new VideoSampling(1.5, null, 3136, 4000, null, null, null));
        }
        assertThat(sampled.indices()).containsExactly(0, 5, 9, 14, 18, 23);
        assertThat((float) sampled.secondsPerGridT(2)).isEqualTo((float) video.get("second_per_grid_t").asDouble());

        PixelValues pixels = processor.video(MediaResize.fetchVideoFrames(sampled));

        assertThat(pixels.grids()).isEqualTo(TinyFixture.grids(testCase.get("video_grid_thw")));
        float[] golden = TinyFixture.golden(testCase.get("pixel_values_videos"));
        assertThat(pixels.values()).hasSameSizeAs(golden);
        float maxDiff = 0;
        for (int i = 0; i < golden.length; i++) maxDiff = Math.max(maxDiff, Math.abs(golden[i] - pixels.values()[i]));
        assertThat(maxDiff).isLessThanOrEqualTo(1e-6f);
    }

    @Test
    void oddFrameCountRepeatsTheLastFrame() {
        RgbImage a = solid(56, 56, 10);
        RgbImage b = solid(56, 56, 200);
        RgbImage c = solid(56, 56, 90);

        PixelValues three = processor.video(List.of(a, b, c));
        PixelValues four = processor.video(List.of(a, b, c, c));

        assertThat(three.grids()).containsExactly(new GridThw(2, 4, 4));
        assertThat(three.values()).isEqualTo(four.values());
    }

    @Test
    void rescaleAndNormaliseFollowNumpyFloat32() {
        // (float32(float64(255) / 255) - 0.48145466f) / 0.26862954f
        assertThat(processor.normalise(ImagePreprocessor.rescale(255), 0))
                .isEqualTo((1.0f - 0.48145466f) / 0.26862954f);
        assertThat(ImagePreprocessor.rescale(1)).isEqualTo((float) (1.0 / 255));
        assertThat(processor.normalise(ImagePreprocessor.rescale(0), 2)).isCloseTo(-1.4802197f, within(1e-6f));
    }

    private static RgbImage solid(int w, int h, int value) {
        byte[] rgb = new byte[3 * w * h];
        java.util.Arrays.fill(rgb, (byte) value);
        return new RgbImage(w, h, rgb);
    }
}
