package dev.framewise.engine.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Case d_video of the qwen25vl-tiny fixture: sampling decisions and the decoded pixels behind pixel_values_videos. */
class QwenGoldenVideoTest {
    private static Path fixture;
    private static JsonNode video;
    private static JsonNode message;

    @BeforeAll
    static void load() throws Exception {
        fixture = Path.of(QwenGoldenVideoTest.class.getResource("/qwen25vl-tiny/cases.json").toURI()).getParent();
        JsonNode cases;
        try (InputStream in = Files.newInputStream(fixture.resolve("cases.json"))) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        JsonNode dVideo = StreamSupport.stream(cases.spliterator(), false).filter(c -> c.get("id").asText().equals("d_video"))
                .findFirst().orElseThrow();
        video = dVideo.get("videos").get(0);
        message = dVideo.get("messages").get(0).get("content").get(0);
    }

    private static VideoSampling sampling() {
        return new VideoSampling(message.get("fps").asDouble(), null, message.get("min_pixels").asInt(),
                message.get("max_pixels").asInt(), null, null, null);
    }

    @Test
    void probeMatchesTheFixture() throws URISyntaxException {
        try (MediaSource source = Media.open(fixture.resolve(video.get("file").asText()))) {
            MediaInfo info = source.info();
            assertThat(info.codec()).isEqualTo("png");
            assertThat(info.frameCount()).isEqualTo(video.get("total_frames").asLong());
            assertThat(info.averageFps()).isEqualTo(video.get("video_fps").asDouble());
            assertThat(info.durationSeconds()).isCloseTo(video.get("duration_s").asDouble(), within(1e-9));
            assertThat(new int[] {info.height(), info.width()}).containsExactly(
                    video.get("size_hw").get(0).asInt(), video.get("size_hw").get(1).asInt());
        }
    }

    @Test
    void samplingMatchesIndicesTimestampsAndFps() {
        try (MediaSource source = Media.open(fixture.resolve(video.get("file").asText()))) {
            SampledFrames sampled = source.sample(sampling());
            assertThat(sampled.indices()).containsExactly(longs(video.get("frame_indices")));
            double[] expectedTimes = doubles(video.get("frame_timestamps_s"));
            for (int i = 0; i < expectedTimes.length; i++) {
                assertThat(sampled.timestampsSeconds()[i]).isCloseTo(expectedTimes[i], within(1e-12));
            }
            assertThat(sampled.sampleFps()).isEqualTo(video.get("sample_fps").asDouble());
            assertThat(sampled.secondsPerGridT(2)).isEqualTo(video.get("second_per_grid_t").asDouble());
            assertThat(new int[] {sampled.resizedHeight(), sampled.resizedWidth()}).containsExactly(
                    video.get("resized_hw").get(0).asInt(), video.get("resized_hw").get(1).asInt());
        }
    }

    /**
     * The golden pixel_values_videos are the sampled frames normalised and cut into patches (README, pipeline step
     * 3); rebuilding them from our decoded frames must give the same float32 values, so decoding is pixel-exact.
     */
    @Test
    void decodedPixelsReproducePixelValuesVideos() throws Exception {
        float[] golden = readFloats(fixture.resolve(video.get("file").asText()).getParent().getParent()
                .resolve("golden/d_pixel_values_videos.f32.bin"));
        float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
        float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
        try (MediaSource source = Media.open(fixture.resolve(video.get("file").asText()))) {
            SampledFrames sampled = source.sample(sampling());
            int h = sampled.resizedHeight();
            int w = sampled.resizedWidth();
            int gh = h / 28;
            int gw = w / 28;
            int row = 0;
            float maxDiff = 0;
            for (int t = 0; t < sampled.frames().size() / 2; t++) {
                for (int by = 0; by < gh; by++) {
                    for (int bx = 0; bx < gw; bx++) {
                        for (int my = 0; my < 2; my++) {
                            for (int mx = 0; mx < 2; mx++, row++) {
                                int col = 0;
                                for (int c = 0; c < 3; c++) {
                                    for (int f = 0; f < 2; f++) {
                                        RgbImage frame = sampled.frames().get(2 * t + f);
                                        for (int py = 0; py < 14; py++) {
                                            for (int px = 0; px < 14; px++, col++) {
                                                int value = frame.get((bx * 2 + mx) * 14 + px, (by * 2 + my) * 14 + py, c);
                                                float x = (float) (value * (1 / 255.0));
                                                float normalised = (x - mean[c]) / std[c];
                                                maxDiff = Math.max(maxDiff, Math.abs(normalised - golden[row * 1176 + col]));
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            assertThat(row * 1176).isEqualTo(golden.length);
            assertThat(maxDiff).isLessThanOrEqualTo(1e-6f);
        }
    }

    private static float[] readFloats(Path file) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static long[] longs(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToLong(JsonNode::asLong).toArray();
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }
}
