package dev.framewise.engine.media;

import java.nio.file.Path;
import java.util.List;

/** A still image: one frame, index 0, time 0. */
final class ImageSource implements MediaSource {
    private final MediaInfo info;
    private final RgbImage image;

    /**
     * @param image    the picture, already upright
     * @param width    stored width (before orientation)
     * @param height   stored height (before orientation)
     * @param rotation the clockwise rotation that was applied
     */
    ImageSource(Path file, String codec, RgbImage image, int width, int height, int rotation) {
        this.image = image;
        this.info = new MediaInfo(file, MediaInfo.Kind.IMAGE, codec, width, height, rotation, 0, 0, 0, 1, true, false, 0);
    }

    @Override
    public MediaInfo info() {
        return info;
    }

    @Override
    public RgbImage frameAt(long index) {
        if (index != 0) throw new IndexOutOfBoundsException(info.path().getFileName() + " is a still image: only frame 0 exists, not " + index);
        return image;
    }

    @Override
    public RgbImage frameAtTime(double seconds) {
        return image;
    }

    @Override
    public long indexAtTime(double seconds) {
        return 0;
    }

    @Override
    public double timeOfIndex(long index) {
        frameAt(index);
        return 0;
    }

    /** A still image has one thumbnail, whatever the count asked for. */
    @Override
    public List<Thumbnail> filmstrip(int count, int maxWidth) {
        if (count < 1) throw new IllegalArgumentException("a filmstrip needs at least one thumbnail, got " + count);
        if (maxWidth < 1) throw new IllegalArgumentException("thumbnail width must be positive, got " + maxWidth);
        return List.of(new Thumbnail(0, ImageOps.shrinkToWidth(image, maxWidth)));
    }

    @Override
    public SampledFrames sample(VideoSampling options) {
        throw new MediaException(info.path(), "is a still image; video sampling needs a video (send it as an image instead)");
    }

    @Override
    public void close() {
        // Nothing native is held.
    }
}
