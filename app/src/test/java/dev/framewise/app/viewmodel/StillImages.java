package dev.framewise.app.viewmodel;

import dev.framewise.engine.media.MediaException;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.VideoSampling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A media opener for view-model tests: every existing file is a 64×48 still image, except files named
 * {@code *.broken.*}, which cannot be read, and {@code *.mp4}, a 10 s video with one key frame (its fast filmstrip
 * shows frame 0 at every slice, its exact one each slice's own time); it records what it opened.
 */
public final class StillImages implements MediaOpener {
    final List<Path> opened = new ArrayList<>();

    @Override
    public MediaSource open(Path path) {
        opened.add(path);
        if (!Files.isRegularFile(path)) throw new MediaException(path, "the file is not there");
        if (path.getFileName().toString().contains(".broken.")) throw new MediaException(path, "not a picture");
        return path.toString().endsWith(".mp4") ? new OneKeyFrameVideo(path) : new Still(path);
    }

    /** 10 s at 10 fps with one key frame (also the base of other tests' recording videos). */
    public static class OneKeyFrameVideo extends Picture {
        public OneKeyFrameVideo(Path path) {
            super(path);
        }

        @Override
        public MediaInfo info() {
            return new MediaInfo(path, MediaInfo.Kind.VIDEO, "h264", 64, 48, 0, 10, 10, 10, 100, true, false, 0);
        }

        @Override
        public long indexAtTime(double seconds) {
            return Math.round(seconds * 10);
        }

        @Override
        public double timeOfIndex(long index) {
            return index / 10.0;
        }

        @Override
        public List<Thumbnail> filmstrip(int count, int maxWidth) {
            List<Thumbnail> strip = new ArrayList<>();
            for (int i = 0; i < count; i++) strip.add(new Thumbnail(0, frameAt(0)));
            return strip;
        }

        @Override
        public List<Thumbnail> exactFilmstrip(int count, int maxWidth) {
            List<Thumbnail> strip = new ArrayList<>();
            for (int i = 0; i < count; i++) strip.add(new Thumbnail(10.0 * (i + 0.5) / count, frameAt(0)));
            return strip;
        }
    }

    /** A 64×48 still image. */
    private static final class Still extends Picture {
        Still(Path path) {
            super(path);
        }

        @Override
        public MediaInfo info() {
            return new MediaInfo(path, MediaInfo.Kind.IMAGE, "png", 64, 48, 0, 0, 0, 0, 1, true, false, 0);
        }

        @Override
        public long indexAtTime(double seconds) {
            return 0;
        }

        @Override
        public double timeOfIndex(long index) {
            return 0;
        }

        @Override
        public List<Thumbnail> filmstrip(int count, int maxWidth) {
            return List.of(new Thumbnail(0, frameAt(0)));
        }
    }

    /** What the fakes share: every frame a 2×2 black picture, nothing to sample or close. */
    public abstract static class Picture implements MediaSource {
        final Path path;

        Picture(Path path) {
            this.path = path;
        }

        @Override
        public RgbImage frameAt(long index) {
            return new RgbImage(2, 2, new byte[12]);
        }

        @Override
        public RgbImage frameAtTime(double seconds) {
            return frameAt(0);
        }

        @Override
        public SampledFrames sample(VideoSampling options) {
            throw new UnsupportedOperationException("view-model tests sample nothing");
        }

        @Override
        public void close() {
        }
    }
}
