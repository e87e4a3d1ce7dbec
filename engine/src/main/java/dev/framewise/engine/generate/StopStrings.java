package dev.framewise.engine.generate;

import java.util.List;

/**
 * Finds the user's stop strings in the generated text and says how much of the text is safe to stream: a
 * suffix that could still become a stop string is held back until the next token decides.
 */
final class StopStrings {
    private final List<String> stops;
    private final int holdBack;

    StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
        this.holdBack = this.stops.stream().mapToInt(String::length).max().orElse(1) - 1;
    }

    /** Index where the first stop string starts in {@code text} at or after {@code from}, or -1. */
    int find(CharSequence text, int from) {
        int best = -1;
        String s = text.toString();
        for (String stop : stops) {
            int i = s.indexOf(stop, Math.max(0, from - stop.length() + 1));
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    /** How many leading characters of {@code text} can be streamed now. */
    int safeLength(CharSequence text) {
        int safe = text.length() - holdBack;
        // never split a surrogate pair
        if (safe > 0 && safe < text.length() && Character.isHighSurrogate(text.charAt(safe - 1))) safe--;
        return Math.max(0, safe);
    }
}
