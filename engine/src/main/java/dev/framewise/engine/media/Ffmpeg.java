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
            avutil.av_strerror(errorCode, text, 256);
            return text.getString();
        }
    }
}
