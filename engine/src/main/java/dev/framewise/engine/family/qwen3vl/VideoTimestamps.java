package dev.framewise.engine.family.qwen3vl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The time text Qwen3-VL puts before every temporal patch of a video ({@code Qwen3VLProcessor}): the sampled frame
 * indices (padded to a multiple of the group by repeating the last) over the video's fps, averaged per group of
 * {@code mergeSize} frames as {@code _calculate_timestamps} does, formatted {@code f"<{t:.1f} seconds>"}.
 */
public final class VideoTimestamps {
    private VideoTimestamps() {
    }

    /** One time in seconds per temporal patch, in float64 as upstream. */
    public static double[] seconds(long[] indices, double videoFps, int mergeSize) {
        List<Long> padded = new ArrayList<>();
        for (long i : indices) padded.add(i);
        while (padded.size() % mergeSize != 0) padded.add(padded.get(padded.size() - 1));
        double[] out = new double[padded.size() / mergeSize];
        for (int k = 0; k < out.length; k++) {
            double first = padded.get(k * mergeSize) / videoFps;
            double last = padded.get(k * mergeSize + mergeSize - 1) / videoFps;
            out[k] = (first + last) / 2;
        }
        return out;
    }

    /** The prompt texts: {@code <t seconds>} per temporal patch. */
    public static List<String> texts(long[] indices, double videoFps, int mergeSize) {
        List<String> out = new ArrayList<>();
        for (double t : seconds(indices, videoFps, mergeSize)) out.add("<" + oneDecimal(t) + " seconds>");
        return out;
    }

    /**
     * Python's {@code f"{t:.1f}"}: the exact binary value rounded half to even (0.25 -> "0.2", 1.45, stored as
     * 1.4499999..., -> "1.4"); Java's {@code String.format} rounds the shortest decimal half up instead.
     */
    public static String oneDecimal(double t) {
        return new BigDecimal(t).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
