package dev.framewise.engine.reasoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds references to moments and frames in a response ("at 3.5 s", "00:12", "between 2 and 4 seconds",
 * "1.50s 3.00s" as Cosmos temporal captions write them, "frame 7", "the last frame") and places them on the
 * media's timeline. "Frame N" counts the frames the model was shown from 1, as the model sees them in order.
 * Overlapping matches keep the longest (a range wins over its two ends).
 */
public final class MediaReferences {
    private static final String UNIT = "(?:s|secs?|seconds?)\\b";
    private static final String CLOCK = "(?:\\d{1,2}:)?\\d{1,2}:\\d{2}(?:\\.\\d+)?";
    /** A time value: a clock time, or a number with an optional unit (validated by the caller). */
    private static final String VALUE = "(" + CLOCK + "|\\d+(?:\\.\\d+)?(?:\\s*" + UNIT + ")?)";
    private static final Pattern RANGE = Pattern.compile("(?i)\\b(?:(?:between|from)\\s+)?" + VALUE
            + "(\\s*(?:-|–|—|to|and|until|till)\\s*|\\s+)" + VALUE);
    private static final Pattern TIME = Pattern.compile("(?i)(?<![\\d.:])(?:" + CLOCK + "|\\d+(?:\\.\\d+)?\\s*" + UNIT + ")");
    private static final Pattern FRAME_RANGE =
            Pattern.compile("(?i)\\bframes\\s*#?(\\d+)\\s*(?:-|–|to|and|through)\\s*#?(\\d+)\\b");
    private static final Pattern FRAME_NUMBER =
            Pattern.compile("(?i)\\bframe\\s*(?:#|no\\.?\\s*|number\\s*)?(\\d+)\\b|\\b(\\d+)(?:st|nd|rd|th)\\s+frame\\b");
    private static final Pattern FRAME_ORDINAL = Pattern.compile("(?i)\\b(?:the\\s+)?(first|second|third|fourth|fifth"
            + "|sixth|seventh|eighth|ninth|tenth|second[- ]to[- ]last|penultimate|last|final)\\s+frame\\b");
    private static final Map<String, Integer> ORDINALS = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4,
            "fifth", 5, "sixth", 6, "seventh", 7, "eighth", 8, "ninth", 9, "tenth", 10);

    private MediaReferences() {
    }

    /** All references in the text, in order, without overlaps. */
    public static List<MediaReference> find(String text, MediaTimeline timeline) {
        List<MediaReference> found = new ArrayList<>();
        findTimeRanges(text, timeline, found);
        findTimes(text, timeline, found);
        findFrames(text, timeline, found);
        return withoutOverlaps(found);
    }

    private static void findTimeRanges(String text, MediaTimeline timeline, List<MediaReference> out) {
        Matcher m = RANGE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            from = m.start() + 1; // ranges may overlap a rejected candidate: retry from the next character
            String a = m.group(1);
            String b = m.group(3);
            boolean spaceOnly = m.group(2).isBlank();
            boolean aTimed = isClock(a) || hasUnit(a);
            boolean bTimed = isClock(b) || hasUnit(b);
            // "2 to 4" alone is a count, not a time; "1.50s 3.00s" needs both ends timed
            if (spaceOnly ? !(aTimed && bTimed) : !(aTimed || bTimed)) continue;
            if (spaceOnly && m.group().toLowerCase(Locale.ROOT).matches("(between|from)\\s.*")) continue;
            double start = seconds(a);
            double end = seconds(b);
            if (end < start) continue;
            out.add(new MediaReference(MediaReference.Kind.TIME_RANGE, m.start(), m.end(), m.group(), start, end,
                    firstFrameAtOrAfter(timeline, start, end), lastFrameAtOrBefore(timeline, start, end)));
            from = m.end();
        }
    }

    private static void findTimes(String text, MediaTimeline timeline, List<MediaReference> out) {
        Matcher m = TIME.matcher(text);
        while (m.find()) {
            double s = seconds(m.group());
            int frame = timeline.nearestFrame(s);
            out.add(new MediaReference(MediaReference.Kind.TIME, m.start(), m.end(), m.group(), s, s, frame, frame));
        }
    }

    private static void findFrames(String text, MediaTimeline timeline, List<MediaReference> out) {
        Matcher m = FRAME_RANGE.matcher(text);
        while (m.find()) {
            int first = shownFrame(timeline, Integer.parseInt(m.group(1)));
            int last = shownFrame(timeline, Integer.parseInt(m.group(2)));
            out.add(new MediaReference(MediaReference.Kind.FRAME_RANGE, m.start(), m.end(), m.group(),
                    timeOf(timeline, first), timeOf(timeline, last), first, last));
        }
        m = FRAME_NUMBER.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            addFrame(m, shownFrame(timeline, n), timeline, out);
        }
        m = FRAME_ORDINAL.matcher(text);
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            int k = switch (word) {
                case "last", "final" -> timeline.frameCount() - 1;
                case "penultimate" -> timeline.frameCount() - 2;
                default -> word.startsWith("second") && word.length() > "second".length()
                        ? timeline.frameCount() - 2 : ORDINALS.get(word) - 1;
            };
            addFrame(m, k >= 0 && k < timeline.frameCount() ? k : -1, timeline, out);
        }
    }

    private static void addFrame(Matcher m, int frame, MediaTimeline timeline, List<MediaReference> out) {
        Double t = timeOf(timeline, frame);
        out.add(new MediaReference(MediaReference.Kind.FRAME, m.start(), m.end(), m.group(), t, t, frame, frame));
    }

    /** Position among the shown frames of "frame n" (counted from 1), or -1 when there is no such frame. */
    private static int shownFrame(MediaTimeline timeline, int n) {
        return n >= 1 && n <= timeline.frameCount() ? n - 1 : -1;
    }

    private static Double timeOf(MediaTimeline timeline, int frame) {
        return frame < 0 ? null : timeline.frameTimestamps()[frame];
    }

    private static int firstFrameAtOrAfter(MediaTimeline timeline, double start, double end) {
        double[] t = timeline.frameTimestamps();
        for (int k = 0; k < t.length; k++) if (t[k] >= start && t[k] <= end) return k;
        return timeline.nearestFrame(start);
    }

    private static int lastFrameAtOrBefore(MediaTimeline timeline, double start, double end) {
        double[] t = timeline.frameTimestamps();
        for (int k = t.length - 1; k >= 0; k--) if (t[k] >= start && t[k] <= end) return k;
        return timeline.nearestFrame(end);
    }

    private static boolean isClock(String value) {
        return value.contains(":");
    }

    private static boolean hasUnit(String value) {
        return value.matches("(?i).*\\d\\s*" + UNIT);
    }

    /** Seconds of "3.5 s", "3.5", "00:12", "1:02.5" or "1:02:03". */
    static double seconds(String value) {
        String number = value.replaceAll("(?i)\\s*" + UNIT + "$", "").strip();
        double total = 0;
        for (String part : number.split(":")) total = total * 60 + Double.parseDouble(part);
        return total;
    }

    /** Keeps the longest of overlapping references (ties: the earliest), in text order. */
    private static List<MediaReference> withoutOverlaps(List<MediaReference> found) {
        List<MediaReference> byLength = new ArrayList<>(found);
        byLength.sort(Comparator.comparingInt((MediaReference r) -> r.end() - r.start()).reversed()
                .thenComparingInt(MediaReference::start));
        List<MediaReference> kept = new ArrayList<>();
        for (MediaReference r : byLength) {
            if (kept.stream().noneMatch(k -> r.start() < k.end() && k.start() < r.end())) kept.add(r);
        }
        kept.sort(Comparator.comparingInt(MediaReference::start));
        return kept;
    }
}
