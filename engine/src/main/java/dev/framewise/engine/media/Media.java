package dev.framewise.engine.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens images and videos. Every problem with the file becomes a {@link MediaException} naming it. */
public final class Media {
    /** Frame cache of a source opened without one: a dozen 1080p frames, for scrubbing back and forth. */
    public static final long DEFAULT_CACHE_BYTES = 96L << 20;

    private Media() {
    }

    public static MediaSource open(Path file) {
        return open(file, new FrameCache(DEFAULT_CACHE_BYTES));
    }

    /**
     * Opens an image (PNG, JPEG with EXIF orientation, BMP, GIF, WebP, …) or a video (MP4, MOV, MKV, WebM, AVI, …).
     * A video's packets are all read once here (no decoding) to index its frames; its first frame is decoded to
     * check that the codec works.
     *
     * @param cache where decoded frames of this source are kept (may be shared between sources)
     */
    public static MediaSource open(Path file, FrameCache cache) {
        checkReadable(file);
        ImageSource image = ImageFiles.read(file);
        if (image != null) return image;
        VideoDecoder decoder = new VideoDecoder(file);
        VideoSource video = null;
        try {
            video = new VideoSource(file, decoder, cache);
            RgbImage first = video.frameAt(0);
            if (!isStillImage(decoder, video.info())) return video;
            MediaInfo info = video.info();
            video.close();
            return new ImageSource(file, info.codec(), first, info.width(), info.height(), info.rotationDegrees());
        } catch (RuntimeException e) {
            if (video != null) video.close();
            else decoder.close();
            throw e;
        }
    }

    /** FFmpeg reads single pictures (WebP, …) through image demuxers; a one-frame stream is a picture too. */
    private static boolean isStillImage(VideoDecoder decoder, MediaInfo info) {
        String container = decoder.containerName();
        return info.frameCount() == 1 || container.equals("image2") || container.endsWith("_pipe");
    }

    /**
     * Refuses what cannot be media before anything reads it: a missing file, a folder, a pipe or device (reading a
     * FIFO blocks until someone writes to it, which would hang hashing and decoding), an unreadable or empty file.
     */
    public static void checkFile(Path file) {
        checkReadable(file);
    }

    private static void checkReadable(Path file) {
        if (!Files.exists(file)) throw new MediaException(file, "file not found (" + file.toAbsolutePath() + "); check the path");
        if (Files.isDirectory(file)) throw new MediaException(file, "is a folder, not an image or video file");
        // A pipe or device would block the reader or never end.
        if (!Files.isRegularFile(file)) throw new MediaException(file, "is not a regular file (a pipe or a device); save the media to a file first");
        if (!Files.isReadable(file)) {
            throw new MediaException(file, "cannot be read: permission denied; check the file's permissions");
        }
        try {
            if (Files.size(file) == 0) throw new MediaException(file, "is empty (0 bytes); the download or copy may have failed");
        } catch (IOException e) {
            throw new MediaException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
