package dev.framewise.sessions.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a prompt lab says about its answers: how often each answer came back (answers that differ only in case,
 * spacing or a final full stop count as one), the majority, and a word-level difference between two answers.
 */
public final class LabAnswers {
    private LabAnswers() {
    }

    /** One answer and how many cells gave it; {@code answer} is the first spelling seen. */
    public record Count(String answer, int count) {
    }

    /** One run of words of a compared answer, and whether it differs from the reference answer. */
    public record Segment(String text, boolean changed) {
    }

    /** The answers' counts, most frequent first (ties in the order first seen); blank answers are left out. */
    public static List<Count> distribution(List<String> answers) {
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String answer : answers) {
            if (answer == null || answer.isBlank()) continue;
            String key = normalise(answer);
            spelling.putIfAbsent(key, answer.strip());
            counts.merge(key, 1, Integer::sum);
        }
        List<Count> out = new ArrayList<>();
        counts.forEach((key, n) -> out.add(new Count(spelling.get(key), n)));
        out.sort((a, b) -> Integer.compare(b.count(), a.count()));
        return out;
    }

    /** The most frequent answer, or null when no answer was given or the top two are tied. */
    public static String majority(List<String> answers) {
        List<Count> counts = distribution(answers);
        if (counts.isEmpty() || counts.size() > 1 && counts.get(1).count() == counts.get(0).count()) return null;
        return counts.get(0).answer();
    }

    /**
     * {@code answer} cut into runs of words, each marked changed where it is not part of the longest common
     * word sequence with {@code reference} (words compared as {@link #normalise} compares answers).
     */
    public static List<Segment> diff(String reference, String answer) {
        String[] ref = words(reference);
        String[] ans = words(answer);
        int[][] lcs = new int[ans.length + 1][ref.length + 1];
        for (int i = ans.length - 1; i >= 0; i--) {
            for (int j = ref.length - 1; j >= 0; j--) {
                lcs[i][j] = same(ans[i], ref[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ans.length) {
            boolean kept = j < ref.length && same(ans[i], ref[j]);
            if (kept) {
                add(out, ans[i], false);
                i++;
                j++;
            } else if (j < ref.length && lcs[i][j + 1] >= lcs[i + 1][j]) {
                j++;
            } else {
                add(out, ans[i], true);
                i++;
            }
        }
        return out;
    }

    /** Whether two answers count as the same one. */
    public static boolean same(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    static String normalise(String answer) {
        String s = answer == null ? "" : answer.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        while (!s.isEmpty() && ".!".indexOf(s.charAt(s.length() - 1)) >= 0) s = s.substring(0, s.length() - 1);
        return s.strip();
    }

    private static String[] words(String text) {
        String s = text == null ? "" : text.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    private static void add(List<Segment> out, String word, boolean changed) {
        if (!out.isEmpty() && out.get(out.size() - 1).changed() == changed) {
            Segment last = out.remove(out.size() - 1);
            out.add(new Segment(last.text() + " " + word, changed));
        } else {
            out.add(new Segment(word, changed));
        }
    }
}
