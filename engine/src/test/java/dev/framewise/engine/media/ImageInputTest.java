package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageInputTest {
    @TempDir
    Path dir;

    /** 40×20: left half red, right half blue, top-left pixel green. */
    private static BufferedImage picture(int type) {
        BufferedImage image = new BufferedImage(40, 20, type);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) image.setRGB(x, y, x < 20 ? 0xFFE01010 : 0xFF1010E0);
        }
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) image.setRGB(x, y, 0xFF10E010);
        return image;
    }

    @Test
    void pngIsExact() throws Exception {
        Path png = dir.resolve("picture.png");
        ImageIO.write(picture(BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        try (MediaSource source = Media.open(png)) {
            MediaInfo info = source.info();
            assertThat(info.kind()).isEqualTo(MediaInfo.Kind.IMAGE);
            assertThat(info.codec()).isEqualTo("png");
            assertThat(info.frameCount()).isEqualTo(1);
            RgbImage image = source.frameAt(0);
            assertThat(new int[] {image.get(0, 0, 0), image.get(0, 0, 1), image.get(0, 0, 2)}).containsExactly(0x10, 0xE0, 0x10);
            assertThat(new int[] {image.get(30, 10, 0), image.get(30, 10, 1), image.get(30, 10, 2)}).containsExactly(0x10, 0x10, 0xE0);
            assertThat(source.filmstrip(5, 20)).singleElement().satisfies(t -> assertThat(t.image().width()).isEqualTo(20));
            assertThatThrownBy(() -> source.sample(VideoSampling.defaults())).isInstanceOf(MediaException.class)
                    .hasMessageContaining("is a still image");
        }
    }

    @Test
    void greyPngKeepsItsValues() throws Exception {
        BufferedImage grey = new BufferedImage(8, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 8; x++) grey.getRaster().setSample(x, 0, 0, x * 30);
        Path png = dir.resolve("grey.png");
        ImageIO.write(grey, "png", png.toFile());
        try (MediaSource source = Media.open(png)) {
            RgbImage image = source.frameAt(0);
            for (int x = 0; x < 8; x++) {
                assertThat(new int[] {image.get(x, 0, 0), image.get(x, 0, 1), image.get(x, 0, 2)}).containsOnly(x * 30);
            }
        }
    }

    @Test
    void transparencyIsPastedOnWhite() throws Exception {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00000000);
        rgba.setRGB(1, 0, 0x80000000);
        Path png = dir.resolve("alpha.png");
        ImageIO.write(rgba, "png", png.toFile());
        try (MediaSource source = Media.open(png)) {
            RgbImage image = source.frameAt(0);
            assertThat(image.get(0, 0, 0)).isEqualTo(255);
            assertThat(image.get(1, 0, 0)).isEqualTo((255 * 127 + 127) / 255);
        }
    }

    /** EXIF orientation 6: stored landscape, shown turned 90° clockwise (left half red ends on top). */
    @Test
    void jpegExifOrientationIsApplied() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(picture(BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);
        Path file = Files.write(dir.resolve("phone.jpg"), withOrientation(jpeg.toByteArray(), 6));
        try (MediaSource source = Media.open(file)) {
            MediaInfo info = source.info();
            assertThat(info.codec()).isEqualTo("jpeg");
            assertThat(info.rotationDegrees()).isEqualTo(90);
            RgbImage image = source.frameAt(0);
            assertThat(image.width()).isEqualTo(20);
            assertThat(image.height()).isEqualTo(40);
            assertThat(image.get(10, 5, 0)).isGreaterThan(150);  // red on top
            assertThat(image.get(10, 35, 2)).isGreaterThan(150); // blue below
            assertThat(image.get(18, 1, 1)).isGreaterThan(150);  // the green corner went to the top right
        }
    }

    /** WebP has no ImageIO reader here: FFmpeg reads it. */
    @Test
    void webpGoesThroughFfmpeg() throws Exception {
        Path webp = dir.resolve("picture.webp");
        Ffmpeg.configure();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(webp.toFile(), 40, 20, 0)) {
            recorder.setFormat("webp");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_WEBP);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoQuality(95);
            recorder.start();
            Frame frame = new Frame(40, 20, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            BufferedImage source = picture(BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 40; x++) {
                    int rgb = source.getRGB(x, y);
                    int at = y * frame.imageStride + 3 * x;
                    pixels.put(at, (byte) (rgb >> 16)).put(at + 1, (byte) (rgb >> 8)).put(at + 2, (byte) rgb);
                }
            }
            recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            recorder.stop();
        }
        try (MediaSource source = Media.open(webp)) {
            MediaInfo info = source.info();
            assertThat(info.kind()).isEqualTo(MediaInfo.Kind.IMAGE);
            assertThat(info.codec()).isEqualTo("webp");
            RgbImage image = source.frameAt(0);
            assertThat(image.width()).isEqualTo(40);
            assertThat(image.get(10, 15, 0)).isGreaterThan(170);
            assertThat(image.get(30, 10, 2)).isGreaterThan(170);
        }
    }

    /** Inserts an APP1 Exif segment (little-endian TIFF, one IFD entry: Orientation) after the SOI marker. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + 26).put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(tiff.array()).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
