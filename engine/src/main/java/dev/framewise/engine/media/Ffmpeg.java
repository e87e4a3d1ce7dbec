package dev.framewise.engine.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/** Process-wide FFmpeg settings and error texts. */
final class Ffmpeg {
    private static volatile boolean configured;

    private Ffmpeg() {
    }

    /** Silences FFmpeg's own logging (banners, per-packet warnings): problems reach the user as MediaException. */
    static void configure() {
        if (configured) return;
        synchronized (Ffmpeg.class) {
            if (!configured) {
                avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                configured = true;
            }
        }
    }

    /** FFmpeg's description of an error code, e.g. "Invalid data found when processing input". */
    static String describe(int errorCode) {
        try (BytePointer text = new BytePointer(256)) {
            text.zero();
            avutil.av_strerror(errorCode, text, 256);
            return untilNul(text);
        }
    }

    /**
     * The C string in a buffer: its bytes up to the first NUL. {@code BytePointer.getString()} reads up to the
     * buffer's limit, so the uninitialised bytes after the message (native heap) would end up in messages that
     * the server sends to clients.
     */
    static String untilNul(BytePointer buffer) {
        byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE, buffer.limit() - buffer.position())];
        buffer.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
