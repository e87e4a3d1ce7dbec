package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * The FFmpeg side of a video: demuxer, decoder and colour converter for its best video stream, on the raw FFmpeg
 * API so that timestamps stay exact (stream time base, no microsecond rounding) and only the frames that are asked
 * for are converted to RGB. Not thread-safe. Every loop is bounded by the file's length or an error budget.
 */
final class VideoDecoder implements AutoCloseable {
    /** Returned by {@link #nextFrame()} when the stream has no more frames. */
    static final long END_OF_STREAM = Long.MIN_VALUE;
    /** Bounds the packet scan: past this many frames (39 h at 30 fps) the table is incomplete. */
    static final int MAX_SCANNED_FRAMES = 1 << 22;
    /** Consecutive read or decode errors after which the rest of the file is considered unreadable. */
    private static final int MAX_CONSECUTIVE_ERRORS = 64;
    private static final int ROW_ALIGNMENT = 64;

    private final Path file;
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final AVStream stream;
    private final int streamIndex;
    private final AVPacket packet;
    private final AVFrame frame;
    private final PointerPointer<BytePointer> rgbPlanes = new PointerPointer<>(4);
    private final IntPointer rgbStrides = new IntPointer(4);
    private SwsContext converter;
    private int converterColorspace = -1;
    private boolean converterFullRange;
    /** Timestamps of the frames the caller wants (ascending), or null for all: others may skip non-reference decoding. */
    private long[] wantedPts;
    /** Timestamps of packets sent with non-reference frames skipped since the last seek: those frames never come out. */
    private final Set<Long> skippedPts = new HashSet<>();
    private BytePointer rgbBuffer;
    private boolean inputEnded;

    VideoDecoder(Path file) {
        Ffmpeg.configure();
        this.file = file;
        AVFormatContext opened = new AVFormatContext(null);
        // An absolute path under the file: protocol: no part of a name (a drive letter, "concat:") reads as a protocol.
        int ret = avformat_open_input(opened, "file:" + file.toAbsolutePath(), null, null);
        if (ret < 0) {
            throw new MediaException(file, "is not a video or image that can be read (" + Ffmpeg.describe(ret)
                    + "); the file may be damaged or in an unsupported format");
        }
        format = opened;
        AVCodecContext context = null;
        try {
            ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (ret < 0) throw new MediaException(file, "could not be analysed (" + Ffmpeg.describe(ret) + "); the file may be damaged");
            streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) throw new MediaException(file, "contains no video or picture (audio only or not a media file)");
            stream = format.streams(streamIndex);
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != streamIndex) format.streams(i).discard(AVDISCARD_ALL);
            }
            AVCodecParameters parameters = stream.codecpar();
            AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
            if (decoder == null) {
                String codec = parameters.codec_id() == AV_CODEC_ID_NONE ? "a video codec" : "the " + codecName() + " video codec,";
                throw new MediaException(file, "uses " + codec + " that this build cannot decode; convert it to H.264 (MP4) first");
            }
            context = avcodec_alloc_context3(decoder);
            avcodec_parameters_to_context(context, parameters);
            context.pkt_timebase(stream.time_base());
            context.thread_count(0);
            ret = avcodec_open2(context, decoder, (PointerPointer<?>) null);
            if (ret < 0) throw new MediaException(file, "the " + codecName() + " decoder could not start (" + Ffmpeg.describe(ret) + ")");
            codec = context;
        } catch (RuntimeException e) {
            if (context != null) avcodec_free_context(context);
            avformat_close_input(format);
            throw e;
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    String codecName() {
        return avcodec_get_name(stream.codecpar().codec_id()).getString();
    }

    String containerName() {
        return format.iformat().name().getString();
    }

    int width() {
        return stream.codecpar().width();
    }

    int height() {
        return stream.codecpar().height();
    }

    double averageFps() {
        return rate(stream.avg_frame_rate());
    }

    double realFps() {
        return rate(stream.r_frame_rate());
    }

    private static double rate(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? av_q2d(r) : 0;
    }

    /** Clockwise rotation in degrees (0, 90, 180, 270) to show the frames upright, from the display matrix. */
    int displayRotation() {
        AVCodecParameters parameters = stream.codecpar();
        AVPacketSideData side = av_packet_side_data_get(parameters.coded_side_data(), parameters.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.data() == null) return 0;
        // av_display_rotation_get is counter-clockwise; FFmpeg's own players rotate by its negation.
        double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
        if (Double.isNaN(counterClockwise)) return 0;
        long clockwise = Math.round(-counterClockwise / 90.0) * 90;
        return (int) Math.floorMod(clockwise, 360);
    }

    /**
     * Reads every packet of the video stream, without decoding, into a frame table, then leaves the demuxer at the
     * end (callers seek before decoding). Packets marked to be discarded (before an edit list's start) are skipped,
     * as the decoder drops their frames too.
     */
    FrameTable scanFrames() {
        long[] pts = new long[1024];
        long[] keyPts = new long[64];
        int count = 0;
        int keys = 0;
        long lastDuration = 0;
        boolean complete = true;
        boolean ptsMissing = false;
        int errors = 0;
        while (true) {
            int ret = av_read_frame(format, packet);
            if (ret == AVERROR_EOF()) break;
            if (ret < 0) {
                if (++errors > MAX_CONSECUTIVE_ERRORS) break;
                continue;
            }
            errors = 0;
            try {
                if (packet.stream_index() != streamIndex || (packet.flags() & AV_PKT_FLAG_DISCARD) != 0) continue;
                if (count == MAX_SCANNED_FRAMES) {
                    complete = false;
                    break;
                }
                long dts = packet.dts();
                ptsMissing |= packet.pts() == AV_NOPTS_VALUE;
                long p = packet.pts() != AV_NOPTS_VALUE ? packet.pts()
                        : dts != AV_NOPTS_VALUE ? dts
                        : count > 0 ? pts[count - 1] + Math.max(1, lastDuration) : 0;
                if (count == pts.length) pts = Arrays.copyOf(pts, 2 * count);
                pts[count++] = p;
                lastDuration = packet.duration();
                if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                    if (keys == keyPts.length) keyPts = Arrays.copyOf(keyPts, 2 * keys);
                    keyPts[keys++] = p;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        inputEnded = true;
        if (count == 0) throw new MediaException(file, "contains no video frames; the file may be truncated or damaged");
        long[] sorted = uniqueSorted(Arrays.copyOf(pts, count));
        // Some streams flag no key frame; seeking to the first frame and decoding forward still works.
        if (keys == 0) keyPts[keys++] = sorted[0];
        long[] sortedKeyPts = Arrays.copyOf(keyPts, keys);
        Arrays.sort(sortedKeyPts);
        if (lastDuration <= 0) lastDuration = sorted.length > 1 ? sorted[sorted.length - 1] - sorted[sorted.length - 2] : 0;
        AVRational tb = stream.time_base();
        return new FrameTable(sorted, sortedKeyPts, lastDuration, tb.num(), tb.den(), complete, ptsMissing);
    }

    private static long[] uniqueSorted(long[] values) {
        Arrays.sort(values);
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == 0 || values[i] != values[n - 1]) values[n++] = values[i];
        }
        return Arrays.copyOf(values, n);
    }

    /**
     * Moves the demuxer to the key frame at or before this presentation timestamp (stream time base) and resets the
     * decoder. Container indexes differ (MP4 indexes decode times shifted by the B-frame delay, Matroska presentation
     * times); a seek to a key frame's presentation time lands on it in both (seeking to its decode time would land on
     * the key frame before it in MP4). Callers check where it landed.
     */
    void seek(long timestamp) {
        int ret = av_seek_frame(format, streamIndex, timestamp, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) ret = av_seek_frame(format, streamIndex, timestamp, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY);
        if (ret < 0) throw new MediaException(file, "cannot seek in this file (" + Ffmpeg.describe(ret) + "); it may be damaged");
        avcodec_flush_buffers(codec);
        inputEnded = false;
        skippedPts.clear();
    }

    /**
     * Decodes the next frame in presentation order and returns its timestamp, or {@link #END_OF_STREAM}. The frame
     * stays available to {@link #toRgb} until the next call.
     */
    long nextFrame() {
        int errors = 0;
        while (true) {
            int ret = avcodec_receive_frame(codec, frame);
            if (ret >= 0) {
                long p = frame.best_effort_timestamp();
                return p != AV_NOPTS_VALUE ? p : frame.pts();
            }
            if (ret == AVERROR_EOF()) return END_OF_STREAM;
            if (ret != AVERROR_EAGAIN()) {
                if (++errors > MAX_CONSECUTIVE_ERRORS) throw damaged(ret);
                continue;
            }
            if (inputEnded) return END_OF_STREAM;
            if (!sendNextPacket() && ++errors > MAX_CONSECUTIVE_ERRORS) throw damaged(ret);
        }
    }

    /** Feeds the decoder one packet of the video stream (or the end-of-stream signal); false on a bad packet. */
    private boolean sendNextPacket() {
        int readErrors = 0;
        while (true) {
            int ret = av_read_frame(format, packet);
            if (ret == AVERROR_EOF() || (ret < 0 && ++readErrors > MAX_CONSECUTIVE_ERRORS)) {
                inputEnded = true;
                avcodec_send_packet(codec, null);
                return true;
            }
            if (ret < 0) continue;
            try {
                if (packet.stream_index() != streamIndex) continue;
                boolean wanted = isWanted(packet.pts());
                codec.skip_frame(wanted ? AVDISCARD_DEFAULT : AVDISCARD_NONREF);
                if (!wanted) skippedPts.add(packet.pts());
                return avcodec_send_packet(codec, packet) >= 0;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /**
     * Restricts full decoding to frames with these presentation timestamps (ascending): frames no other frame refers
     * to are then skipped unless wanted, which saves about a third of H.264 decoding when picking frames. Null
     * decodes everything.
     */
    void decodeOnly(long[] sortedPts) {
        wantedPts = sortedPts;
    }

    /** Whether the frame with this timestamp may have been skipped since the last seek (then only a seek brings it back). */
    boolean skipped(long pts) {
        return skippedPts.contains(pts);
    }

    private boolean isWanted(long pts) {
        return wantedPts == null || pts == AV_NOPTS_VALUE || Arrays.binarySearch(wantedPts, pts) >= 0;
    }

    private MediaException damaged(int ret) {
        return new MediaException(file, "could not be decoded (" + Ffmpeg.describe(ret) + "); the file may be damaged or truncated");
    }

    /**
     * The current frame as RGB scaled to {@code width × height} (stored orientation, no rotation). Only the frames
     * a caller keeps are converted: conversion costs as much as decoding at 1080p.
     */
    RgbImage toRgb(int width, int height) {
        // Same size: FFmpeg's fast unscaled YUV→RGB path (what the ffmpeg CLI uses); it needs no accurate rounding.
        int flags = width == frame.width() && height == frame.height() ? SWS_BICUBIC : SWS_AREA | SWS_ACCURATE_RND;
        SwsContext previous = converter;
        converter = sws_getCachedContext(converter, frame.width(), frame.height(), frame.format(), width, height,
                AV_PIX_FMT_RGB24, flags, null, null, (DoublePointer) null);
        int colorspace = frame.colorspace();
        boolean fullRange = frame.color_range() == AVCOL_RANGE_JPEG || isJpegRangeFormat(frame.format());
        if (converter != previous || colorspace != converterColorspace || fullRange != converterFullRange) {
            // Recomputing the conversion tables is costly: only when the source's colour description changes.
            sws_setColorspaceDetails(converter, sws_getCoefficients(colorspace), fullRange ? 1 : 0,
                    sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
            converterColorspace = colorspace;
            converterFullRange = fullRange;
        }
        // swscale's SIMD paths write whole vectors, past a row's end: give it aligned rows and a padded buffer.
        int rowBytes = 3 * width;
        int stride = (rowBytes + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT * ROW_ALIGNMENT;
        long size = (long) stride * (height + 1);
        if (rgbBuffer == null || rgbBuffer.capacity() < size) {
            if (rgbBuffer != null) rgbBuffer.close();
            rgbBuffer = new BytePointer(size);
        }
        rgbPlanes.put(0, rgbBuffer);
        rgbStrides.put(0, stride);
        sws_scale(converter, frame.data(), frame.linesize(), 0, frame.height(), rgbPlanes, rgbStrides);
        byte[] rgb = new byte[rowBytes * height];
        if (stride == rowBytes) {
            rgbBuffer.position(0).get(rgb);
        } else {
            for (int y = 0; y < height; y++) rgbBuffer.position((long) y * stride).get(rgb, y * rowBytes, rowBytes);
        }
        rgbBuffer.position(0);
        return new RgbImage(width, height, rgb);
    }

    int frameWidth() {
        return frame.width();
    }

    int frameHeight() {
        return frame.height();
    }

    private static boolean isJpegRangeFormat(int pixelFormat) {
        return pixelFormat == AV_PIX_FMT_YUVJ420P || pixelFormat == AV_PIX_FMT_YUVJ422P
                || pixelFormat == AV_PIX_FMT_YUVJ444P || pixelFormat == AV_PIX_FMT_YUVJ440P;
    }

    @Override
    public void close() {
        if (converter != null) sws_freeContext(converter);
        if (rgbBuffer != null) rgbBuffer.close();
        rgbPlanes.close();
        rgbStrides.close();
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(codec);
        avformat_close_input(format);
    }
}
