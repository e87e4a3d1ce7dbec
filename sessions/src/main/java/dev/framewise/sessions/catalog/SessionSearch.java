package dev.framewise.sessions.catalog;

import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.SessionException;
import dev.framewise.sessions.store.SessionStore;
import dev.framewise.sessions.store.SessionSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over the questions and answers of every session in a store, case-insensitive. Damaged
 * files are not searched but reported, so a search never hides that something is wrong.
 */
public final class SessionSearch {
    private static final int CONTEXT = 60;

    private final SessionStore store;

    public SessionSearch(SessionStore store) {
        this.store = store;
    }

    public record Result(List<SearchHit> hits, List<SessionSummary> unreadable) {
    }

    public Result search(String text) {
        if (text.isBlank()) throw new IllegalArgumentException("search text must not be blank");
        String needle = text.strip();
        List<SearchHit> hits = new ArrayList<>();
        List<SessionSummary> unreadable = new ArrayList<>();
        for (SessionSummary summary : store.list()) {
            if (!summary.readable()) {
                unreadable.add(summary);
                continue;
            }
            try {
                hits.addAll(search(summary, store.load(summary.file()), needle));
            } catch (SessionException e) {
                unreadable.add(new SessionSummary(summary.file(), null, "", null, null, 0, 0, e.getMessage()));
            }
        }
        return new Result(hits, unreadable);
    }

    /** The runs of one session that match. */
    static List<SearchHit> search(SessionSummary summary, Session session, String needle) {
        List<SearchHit> hits = new ArrayList<>();
        for (Run run : session.runs()) {
            String question = snippet(run.question(), needle);
            String answer = question == null ? snippet(run.answer(), needle) : null;
            if (question != null || answer != null) {
                hits.add(new SearchHit(summary.file(), session.id(), session.title(), run.id(),
                        question != null ? SearchHit.Field.QUESTION : SearchHit.Field.ANSWER,
                        question != null ? question : answer));
            }
        }
        return hits;
    }

    /** The text around the first match on one line, with ellipses where it was cut; null without a match. */
    static String snippet(String haystack, String needle) {
        int at = indexIgnoringCase(haystack, needle);
        if (at < 0) return null;
        int from = Math.max(0, at - CONTEXT);
        int to = Math.min(haystack.length(), at + needle.length() + CONTEXT);
        return (from > 0 ? "\u2026" : "") + haystack.substring(from, to).replaceAll("\\s+", " ").strip()
                + (to < haystack.length() ? "\u2026" : "");
    }

    /** Case-insensitive search by region (lower-casing the text could change its length and shift indices). */
    private static int indexIgnoringCase(String haystack, String needle) {
        for (int i = 0; i + needle.length() <= haystack.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) return i;
        }
        return -1;
    }
}
