package dev.framewise.app.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times are written on screen. */
public final class TimeFormat {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private TimeFormat() {
    }

    /** When something happened, in this machine's time zone to the second (stored instants carry nanoseconds). */
    public static String local(Instant when, ZoneId zone) {
        return LOCAL.format(when.atZone(zone));
    }

    /** m:ss.t (tenths help when stepping frames), or h:mm:ss.t past an hour. */
    public static String clock(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) seconds = 0;
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36000;
        long m = tenths / 600 % 60;
        double s = tenths % 600 / 10.0;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%04.1f", h, m, s) : String.format(Locale.ROOT, "%d:%04.1f", m, s);
    }
}
