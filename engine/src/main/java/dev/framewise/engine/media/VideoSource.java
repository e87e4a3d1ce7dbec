package dev.framewise.engine.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A video opened through FFmpeg. Opening reads every packet once without decoding to build the {@link FrameTable};
 * frames are then found by presentation timestamp: seek to the key frame at or before the wanted frame and decode
 * forward, or keep decoding forward when the wanted frame lies ahead in the same group of pictures.
 */
public final class VideoSource implements MediaSource {
    /** How many key frames back to retry when a seek lands after the wanted frame (open GOPs, odd indexes). */
    private static final int MAX_SEEK_RETRIES = 3;

    private final Path file;
    private final VideoDecoder decoder;
    private final FrameTable table;
    private final MediaInfo info;
    private final FrameCache cache;
    /** Timestamp of the frame the decoder returned last, or null when the decoder must seek before decoding. */
    private Long decodedPts;
    /** Index of the next frame the decoder will output, for streams whose frames are counted (see {@link #decodeUntil}). */
    private long nextOutputIndex;

    VideoSource(Path file, VideoDecoder decoder, FrameCache cache) {
        this.file = file;
        this.decoder = decoder;
        this.cache = cache;
        this.table = decoder.scanFrames();
        this.info = probe();
    }

    private MediaInfo probe() {
        double meanFps = table.meanFps();
        double averageFps = decoder.averageFps() > 0 ? decoder.averageFps() : meanFps;
        double realFps = decoder.realFps() > 0 ? decoder.realFps() : averageFps;
        return new MediaInfo(file, MediaInfo.Kind.VIDEO, decoder.codecName(), decoder.width(), decoder.height(),
                decoder.displayRotation(), table.durationSeconds(), averageFps, realFps, table.size(), table.complete(),
                table.variableFrameRate(), table.startSeconds());
    }

    @Override
    public MediaInfo info() {
        return info;
    }

    @Override
    public RgbImage frameAt(long index) {
        checkIndex(index);
        RgbImage cached = cache.get(file, index);
        if (cached != null) return cached;
        RgbImage frame = decodeFrames(new long[] {index}).get(0);
        cache.put(file, index, frame);
        return frame;
    }

    @Override
    public RgbImage frameAtTime(double seconds) {
        return frameAt(indexAtTime(seconds));
    }

    @Override
    public long indexAtTime(double seconds) {
        return table.indexAtSeconds(seconds);
    }

    @Override
    public double timeOfIndex(long index) {
        checkIndex(index);
        return table.secondsOf(index);
    }

    @Override
    public List<Thumbnail> filmstrip(int count, int maxWidth) {
        return filmstrip(count, maxWidth, false);
    }

    @Override
    public List<Thumbnail> exactFilmstrip(int count, int maxWidth) {
        return filmstrip(count, maxWidth, true);
    }

    private List<Thumbnail> filmstrip(int count, int maxWidth, boolean exact) {
        if (count < 1) throw new IllegalArgumentException("a filmstrip needs at least one thumbnail, got " + count);
        if (maxWidth < 1) throw new IllegalArgumentException("thumbnail width must be positive, got " + maxWidth);
        int rotation = info.rotationDegrees();
        boolean sideways = rotation % 180 != 0;
        int displayWidth = info.displayWidth();
        int thumbDisplayWidth = Math.min(maxWidth, displayWidth);
        int thumbDisplayHeight = Math.max(1, (int) Math.round((double) info.displayHeight() * thumbDisplayWidth / displayWidth));
        int storedWidth = sideways ? thumbDisplayHeight : thumbDisplayWidth;
        int storedHeight = sideways ? thumbDisplayWidth : thumbDisplayHeight;
        List<Thumbnail> thumbnails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long centre = table.indexAtSeconds(info.durationSeconds() * (i + 0.5) / count);
            long shown = centre;
            if (exact) decodeTo(centre); // the centres ascend, so a clip is decoded forward once at most
            else shown = showKeyFrameNear(centre);
            RgbImage image = ImageOps.rotateClockwise(decoder.toRgb(storedWidth, storedHeight), rotation);
            thumbnails.add(new Thumbnail(table.secondsOf(shown), image));
        }
        return thumbnails;
    }

    /**
     * Leaves the decoder on the key frame nearest to this frame (one seek, one decode) and returns its index. Where
     * that fails, or key frames cannot be placed in display order, it decodes the frame itself.
     */
    private long showKeyFrameNear(long index) {
        if (!table.timestampsInDecodeOrder()) {
            int key = table.keyFrameNearest(table.pts(index));
            seekToKey(key);
            long pts = decodeUntil(table.keyPts(key));
            if (pts != VideoDecoder.END_OF_STREAM) return Math.max(0, table.indexOfPts(pts));
        }
        decodeTo(index);
        return index;
    }

    @Override
    public SampledFrames sample(VideoSampling options) {
        return sample(options, QwenVideoSampler.Rules.QWEN2_5_VL);
    }

    @Override
    public SampledFrames sample(VideoSampling options, QwenVideoSampler.Rules rules) {
        QwenVideoSampler.SamplingPlan plan;
        try {
            plan = QwenVideoSampler.plan(rules, options, info.frameCount(), info.averageFps(), info.displayHeight(),
                    info.displayWidth());
        } catch (IllegalArgumentException e) {
            throw new MediaException(file, e.getMessage(), e);
        }
        long[] indices = plan.indices();
        double[] times = new double[indices.length];
        for (int i = 0; i < indices.length; i++) times[i] = table.secondsOf(indices[i]);
        return new SampledFrames(decodeFrames(indices), indices, times, plan.resizedHeight(), plan.resizedWidth(), plan.sampleFps());
    }

    /** Decodes every frame without converting any (for benchmarks); returns how many frames came out. */
    public long decodeAllFrames() {
        seekToKey(0);
        long frames = 0;
        while (decoder.nextFrame() != VideoDecoder.END_OF_STREAM) frames++;
        return frames;
    }

    /**
     * The frames with these indices (any order, repeats allowed), in the order asked. Wanted frames are visited in
     * presentation order: the decoder seeks only when the next wanted frame's key frame lies beyond the frame it
     * decoded last, so dense picks decode sequentially and sparse picks jump.
     */
    private List<RgbImage> decodeFrames(long[] indices) {
        long[] order = indices.clone();
        Arrays.sort(order);
        long[] wantedPts = new long[order.length];
        for (int i = 0; i < order.length; i++) wantedPts[i] = table.pts(order[i]);
        RgbImage[] byPosition = new RgbImage[order.length];
        // Counting output frames needs every frame to come out.
        decoder.decodeOnly(table.timestampsInDecodeOrder() ? null : wantedPts);
        try {
            for (int i = 0; i < order.length; i++) {
                if (i > 0 && order[i] == order[i - 1]) {
                    byPosition[i] = byPosition[i - 1];
                } else {
                    // Frame 0 is there already (Media.open decodes it to check the codec), and any frame shown before.
                    RgbImage cached = cache.get(file, order[i]);
                    byPosition[i] = cached != null ? cached : decodeFrame(order[i]);
                }
            }
        } finally {
            decoder.decodeOnly(null);
        }
        List<RgbImage> result = new ArrayList<>(indices.length);
        for (long index : indices) result.add(byPosition[Arrays.binarySearch(order, index)]);
        return result;
    }

    private RgbImage decodeFrame(long index) {
        decodeTo(index);
        return ImageOps.rotateClockwise(decoder.toRgb(decoder.frameWidth(), decoder.frameHeight()), info.rotationDegrees());
    }

    /** Leaves the decoder holding the frame with this index (or the next one where damage lost it). */
    private void decodeTo(long index) {
        long wanted = table.pts(index);
        // Without presentation times a key frame's place in display order is unknown: count from the first frame.
        int key = table.timestampsInDecodeOrder() ? 0 : table.keyFrameBefore(wanted);
        boolean seek = decodedPts == null || decodedPts >= wanted || table.keyPts(key) > decodedPts || decoder.skipped(wanted);
        for (int attempt = 0; ; attempt++) {
            if (seek) seekToKey(key);
            long found = decodeUntil(wanted);
            if (found == wanted) return;
            if (seek && (key == 0 || attempt == MAX_SEEK_RETRIES)) {
                if (found == VideoDecoder.END_OF_STREAM) {
                    throw new MediaException(file, "frame " + index + " could not be decoded; the file may be truncated or damaged");
                }
                return; // The wanted frame never came out (damaged data): the next one is the closest there is.
            }
            // The seek may have landed after the wanted frame (an index that points late, an open GOP): go back.
            if (seek) key--;
            seek = true;
        }
    }

    private void seekToKey(int key) {
        decoder.seek(table.keyPts(key));
        decodedPts = null;
        nextOutputIndex = table.indexOfPts(table.keyPts(key));
    }

    /**
     * Decodes forward to the first frame at or after this timestamp and returns its timestamp, or
     * {@link VideoDecoder#END_OF_STREAM} (then the decoder is drained and must seek again). Where the container
     * stores decode-order times only, the decoder's times are guesses: frames are counted from the key frame instead.
     */
    private long decodeUntil(long wanted) {
        while (true) {
            long pts = decoder.nextFrame();
            if (pts != VideoDecoder.END_OF_STREAM && table.timestampsInDecodeOrder()) {
                pts = nextOutputIndex < table.size() ? table.pts(nextOutputIndex++) : VideoDecoder.END_OF_STREAM;
            }
            decodedPts = pts == VideoDecoder.END_OF_STREAM ? null : pts;
            if (pts == VideoDecoder.END_OF_STREAM || pts >= wanted) return pts;
        }
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= table.size()) {
            throw new IndexOutOfBoundsException("frame " + index + " is outside " + file.getFileName() + " (frames 0 to "
                    + (table.size() - 1) + ")");
        }
    }

    @Override
    public void close() {
        decoder.close();
    }
}
