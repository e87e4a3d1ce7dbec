package dev.framewise.engine.reasoning;

/**
 * A mention of a moment or a frame in a response, for links and timeline highlights. {@code start}/{@code end}
 * are character offsets of {@code text} in the searched string. Times are in seconds ({@code endSeconds} =
 * {@code startSeconds} for a single moment; null when a frame mention cannot be placed in time);
 * {@code firstFrame}/{@code lastFrame} are 0-based positions among the frames the model was shown, -1 when
 * none matches.
 */
public record MediaReference(Kind kind, int start, int end, String text, Double startSeconds, Double endSeconds,
                             int firstFrame, int lastFrame) {

    public enum Kind {
        /** "at 3.5 s", "00:12", "1:02.5" */
        TIME,
        /** "between 2 and 4 seconds", "1.50s - 3.00s" */
        TIME_RANGE,
        /** "frame 7", "the last frame" */
        FRAME,
        /** "frames 3 to 5" */
        FRAME_RANGE
    }
}
