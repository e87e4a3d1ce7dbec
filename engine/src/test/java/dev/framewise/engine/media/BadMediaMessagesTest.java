package dev.framewise.engine.media;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;

/**
 * The messages of bad media carry printable text only: FFmpeg's error texts come out of a fixed native buffer,
 * and reading past their NUL once sent native heap bytes to clients.
 */
class BadMediaMessagesTest {
    @TempDir
    static Path dir;
    static final Map<String, Path> CASES = new LinkedHashMap<>();

    @BeforeAll
    static void writeCases() throws Exception {
        byte[] mp4 = Files.readAllBytes(TestClips.write(dir.resolve("good.mp4"), TestClips.Spec.cfr("mp4", AV_CODEC_ID_H264, 30, 30)));
        byte[] random = new byte[4096];
        new Random(16).nextBytes(random);
        CASES.put("plain text as .mp4", Files.writeString(dir.resolve("notes.mp4"), "just some notes, not a video\n".repeat(20)));
        CASES.put("truncated mp4", Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(mp4, mp4.length / 3)));
        CASES.put("zero bytes", Files.write(dir.resolve("empty.mp4"), new byte[0]));
        CASES.put("random bytes", Files.write(dir.resolve("noise.mov"), random));
        CASES.put("text as .png", Files.writeString(dir.resolve("text.png"), "hello"));
        CASES.put("text without extension", Files.writeString(dir.resolve("upload"), "data:text/plain,hi"));
        CASES.put("mp4 header then zeros", Files.write(dir.resolve("zeros.mp4"), withZeros(Arrays.copyOf(mp4, 64), 8192)));
    }

    private static byte[] withZeros(byte[] head, int zeros) {
        return Arrays.copyOf(head, head.length + zeros);
    }

    /** No NUL, no control character, no replacement character (what undecodable native bytes become). */
    static void assertPrintable(String message) {
        assertThat(message).isNotBlank().doesNotContain("\0").doesNotContain("\uFFFD");
        assertThat(message.chars().filter(Character::isISOControl).toArray()).as(message).isEmpty();
        assertThat(message.length()).isLessThan(1000);
    }

    @Test
    void everyBadMediaMessageIsPrintable() {
        List<String> seen = new ArrayList<>();
        CASES.forEach((name, file) -> {
            try (MediaSource source = Media.open(file)) {
                source.sample(VideoSampling.defaults());
            } catch (MediaException e) {
                seen.add(name + ": " + e.getMessage());
                assertPrintable(e.getMessage());
            }
        });
        assertThat(seen).hasSizeGreaterThanOrEqualTo(CASES.size() - 1);
    }

    @Test
    void ffmpegErrorTextsEndAtTheirNul() {
        // AVERROR_INVALIDDATA, AVERROR(EIO), AVERROR_EOF and an unknown code
        for (int code : new int[] {-1094995529, -5, -541478725, -123456}) {
            String text = Ffmpeg.describe(code);
            assertPrintable(text);
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThan(128);
        }
        assertThat(Ffmpeg.describe(-1094995529)).isEqualTo("Invalid data found when processing input");
    }
}
