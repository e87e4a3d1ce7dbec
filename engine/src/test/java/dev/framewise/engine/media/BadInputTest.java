package dev.framewise.engine.media;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Every kind of bad file ends in one MediaException that names the file and says what is wrong; nothing crashes or hangs. */
class BadInputTest {
    @TempDir
    static Path dir;
    static byte[] mp4;
    static byte[] mkv;

    @BeforeAll
    static void writeClips() throws Exception {
        mp4 = Files.readAllBytes(TestClips.write(dir.resolve("good.mp4"), TestClips.Spec.cfr("mp4", AV_CODEC_ID_H264, 30, 30)));
        mkv = Files.readAllBytes(TestClips.write(dir.resolve("good.mkv"), TestClips.Spec.cfr("matroska", AV_CODEC_ID_MPEG4, 30, 30)));
    }

    private static Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> Media.open(dir.resolve("nowhere.mp4"))).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("nowhere.mp4: file not found");
    }

    @Test
    void folder() {
        assertThatThrownBy(() -> Media.open(dir)).isInstanceOf(MediaException.class).hasMessageContaining("is a folder");
    }

    /** Reading a named pipe nobody writes to would block for ever. */
    @Test
    void namedPipe() throws Exception {
        Path fifo = dir.resolve("stream.mp4");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            mkfifo = Assumptions.abort("mkfifo is not available");
        }
        assumeThat(mkfifo.waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Media.open(fifo))
                .isInstanceOf(MediaException.class).hasMessageStartingWith("stream.mp4: is not a regular file"));
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = file("empty.mp4", new byte[0]);
        assertThatThrownBy(() -> Media.open(empty)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("empty.mp4: is empty (0 bytes)");
    }

    @Test
    void textIsNotMedia() throws Exception {
        Path text = file("notes.mp4", "just some notes, not a video\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Media.open(text)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("notes.mp4: is not a video or image that can be read");
    }

    @Test
    void randomBytesAreNotMedia() throws Exception {
        byte[] noise = new byte[20_000];
        new Random(1).nextBytes(noise);
        Path random = file("noise.mkv", noise);
        assertThatThrownBy(() -> Media.open(random)).isInstanceOf(MediaException.class).hasMessageStartingWith("noise.mkv: ");
    }

    @Test
    void mp4CutInHalfHasNoIndex() throws Exception {
        Path cut = file("cut.mp4", Arrays.copyOf(mp4, mp4.length / 2));
        assertThatThrownBy(() -> Media.open(cut)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("cut.mp4: is not a video or image that can be read");
    }

    /** A streamable container cut short still opens: the frames that are there decode, the count says how many. */
    @Test
    void truncatedMkvKeepsTheFramesItHas() throws Exception {
        Path cut = file("cut.mkv", Arrays.copyOf(mkv, mkv.length * 6 / 10));
        try (MediaSource source = Media.open(cut, new FrameCache(0))) {
            long frames = source.info().frameCount();
            assertThat(frames).isBetween(5L, 29L);
            for (int i = 0; i < frames - 1; i++) assertThat(TestClips.indexOf(source.frameAt(i))).isEqualTo(i);
        }
    }

    @Test
    void damagedMiddleNeverCrashes() throws Exception {
        byte[] damaged = mkv.clone();
        Random random = new Random(7);
        for (int i = damaged.length / 3; i < damaged.length / 3 + 3000; i++) damaged[i] = (byte) random.nextInt();
        Path file = file("damaged.mkv", damaged);
        try (MediaSource source = Media.open(file, new FrameCache(0))) {
            int decoded = 0;
            for (long i = source.info().frameCount() - 1; i >= 0; i--) {
                try {
                    assertThat(source.frameAt(i).width()).isEqualTo(TestClips.WIDTH);
                    decoded++;
                } catch (MediaException e) {
                    assertThat(e.getMessage()).startsWith("damaged.mkv: ");
                }
            }
            assertThat(decoded).isPositive();
        } catch (MediaException e) {
            assertThat(e.getMessage()).startsWith("damaged.mkv: ");
        }
    }

    /** The Matroska codec name is replaced by one no decoder knows. */
    @Test
    void unknownCodec() throws Exception {
        byte[] patched = mkv.clone();
        byte[] id = "V_MPEG4/ISO/ASP".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(patched, id);
        assertThat(at).isPositive();
        System.arraycopy("V_FRAMEWISE_XYZ".getBytes(StandardCharsets.US_ASCII), 0, patched, at, id.length);
        Path file = file("strange.mkv", patched);
        assertThatThrownBy(() -> Media.open(file)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("strange.mkv: uses a video codec that this build cannot decode");
    }

    @Test
    void unreadableFile() throws Exception {
        Path locked = file("locked.mp4", mp4);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("running as root: permissions are not enforced").isFalse();
        assertThatThrownBy(() -> Media.open(locked)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("locked.mp4: cannot be read: permission denied");
    }

    @Test
    void indexOutsideTheVideo() throws Exception {
        try (MediaSource source = Media.open(file("ok.mp4", mp4))) {
            assertThatThrownBy(() -> source.frameAt(30)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("frames 0 to 29");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
