package dev.framewise.engine.reasoning;

import dev.framewise.engine.api.ReasoningSteps;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a streamed response into reasoning ({@code <think>…</think>}) and answer ({@code <answer>…</answer>})
 * as the pieces arrive. Tags may be split across pieces (a partial tag is held back until it is complete
 * or proves to be text). Tolerated: no tags at all (everything is the answer), a missing {@code <answer>}
 * (the text after {@code </think>} is the answer), an unclosed {@code <think>} (everything after it is
 * reasoning), a missing {@code <think>} before a {@code </think>} (the text before it was reasoning, as when a
 * chat template pre-fills {@code <think>}), and an {@code <answer>} inside an unclosed think (it ends the
 * reasoning). Not thread-safe: one parser per response.
 */
public final class ReasoningParser {
    private static final String THINK_OPEN = "<think>";
    private static final String THINK_CLOSE = "</think>";
    private static final String ANSWER_OPEN = "<answer>";
    private static final String ANSWER_CLOSE = "</answer>";
    private static final List<String> TAGS = List.of(THINK_OPEN, THINK_CLOSE, ANSWER_OPEN, ANSWER_CLOSE);

    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder outside = new StringBuilder();
    private final Slice reasoningSlice = new Slice();
    private final Slice answerSlice = new Slice();
    private Slice outsideSlice = new Slice();
    /** Characters accepted so far, pending ones included: the offset in the whole text just past the last piece. */
    private int accepted;
    private String pending = "";
    private ReasoningSection section = ReasoningSection.OUTSIDE;
    private boolean thinkOpened;
    private boolean thinkClosed;
    private boolean answerOpened;

    /** Parses a complete response. */
    public static ParsedResponse parse(String response) {
        ReasoningParser parser = new ReasoningParser();
        parser.accept(response);
        parser.finish();
        return parser.result();
    }

    /**
     * Adds a streamed piece; returns the text it added per section, tags removed (a partial tag at the end
     * comes out with a later piece or {@link #finish()}). Segments are final except in one case: text first
     * reported as {@link ReasoningSection#OUTSIDE} becomes reasoning when a {@code </think>} without a
     * {@code <think>} follows; {@link #reasoning()} and {@link #answer()} always give the current split.
     */
    public List<ReasoningSegment> accept(String piece) {
        List<ReasoningSegment> segments = new ArrayList<>();
        String text = pending + piece;
        int base = accepted - pending.length(); // where text starts in the whole response
        accepted += piece.length();
        pending = "";
        int i = 0;
        while (i < text.length()) {
            int lt = text.indexOf('<', i);
            if (lt < 0) {
                emit(text.substring(i), base + i, segments);
                break;
            }
            emit(text.substring(i, lt), base + i, segments);
            String tag = tagAt(text, lt);
            if (tag != null) {
                onTag(tag, base + lt);
                i = lt + tag.length();
            } else if (isTagPrefix(text.substring(lt))) {
                pending = text.substring(lt);
                break;
            } else {
                emit("<", base + lt, segments);
                i = lt + 1;
            }
        }
        return segments;
    }

    /** Ends the stream: a held-back partial tag is text after all. */
    public List<ReasoningSegment> finish() {
        List<ReasoningSegment> segments = new ArrayList<>();
        emit(pending, accepted - pending.length(), segments);
        pending = "";
        return segments;
    }

    /** The section the next text will go to. */
    public ReasoningSection section() {
        return section;
    }

    /** Reasoning so far, trimmed. */
    public String reasoning() {
        return reasoning.toString().strip();
    }

    /** Answer so far, trimmed: the {@code <answer>} content if one opened, else the text outside the tags. */
    public String answer() {
        return (answerOpened ? answer : outside).toString().strip();
    }

    public ParsedResponse result() {
        String r = reasoning();
        return new ParsedResponse(r, answer(), ReasoningSteps.of(r), answerOpened, !thinkOpened || thinkClosed,
                reasoningSlice.startOfStripped(reasoning), (answerOpened ? answerSlice : outsideSlice)
                        .startOfStripped(answerOpened ? answer : outside));
    }

    private static String tagAt(String text, int at) {
        for (String tag : TAGS) {
            if (text.startsWith(tag, at)) return tag;
        }
        return null;
    }

    private static boolean isTagPrefix(String rest) {
        for (String tag : TAGS) {
            if (rest.length() < tag.length() && tag.startsWith(rest)) return true;
        }
        return false;
    }

    /** Applies a tag; tags that make no sense where they stand are kept as text inside an answer or dropped. */
    private void onTag(String tag, int at) {
        switch (section) {
            case OUTSIDE -> {
                if (tag.equals(THINK_OPEN)) {
                    if (reasoning.length() > 0) {
                        reasoning.append("\n\n");
                        reasoningSlice.broken = true;
                    }
                    thinkOpened = true;
                    section = ReasoningSection.REASONING;
                } else if (tag.equals(ANSWER_OPEN)) {
                    answerOpened = true;
                    section = ReasoningSection.ANSWER;
                } else if (tag.equals(THINK_CLOSE) && !thinkOpened && !answerOpened) {
                    reasoning.append(outside); // the opening <think> was in the prompt, not in the response
                    outside.setLength(0);
                    reasoningSlice.take(outsideSlice);
                    outsideSlice = new Slice();
                    thinkOpened = true;
                    thinkClosed = true;
                }
            }
            case REASONING -> {
                if (tag.equals(THINK_CLOSE)) {
                    thinkClosed = true;
                    section = ReasoningSection.OUTSIDE;
                } else if (tag.equals(ANSWER_OPEN)) {
                    answerOpened = true;
                    section = ReasoningSection.ANSWER;
                }
            }
            case ANSWER -> {
                if (tag.equals(ANSWER_CLOSE)) {
                    section = ReasoningSection.OUTSIDE;
                } else {
                    answer.append(tag);
                    answerSlice.add(at, tag.length());
                }
            }
        }
    }

    private void emit(String text, int at, List<ReasoningSegment> segments) {
        if (text.isEmpty()) return;
        switch (section) {
            case REASONING -> {
                reasoning.append(text);
                reasoningSlice.add(at, text.length());
            }
            case ANSWER -> {
                answer.append(text);
                answerSlice.add(at, text.length());
            }
            case OUTSIDE -> {
                outside.append(text);
                outsideSlice.add(at, text.length());
            }
        }
        int last = segments.size() - 1;
        if (last >= 0 && segments.get(last).section() == section) {
            segments.set(last, new ReasoningSegment(section, segments.get(last).text() + text));
        } else {
            segments.add(new ReasoningSegment(section, text));
        }
    }

    /** Where a section's text lies in the whole response, while it is one unbroken run of characters there. */
    private static final class Slice {
        private int start = -1;
        private int end;
        private boolean broken;

        void add(int at, int length) {
            if (start < 0) {
                start = at;
            } else if (at != end) {
                broken = true;
            }
            end = at + length;
        }

        void take(Slice other) {
            start = other.start;
            end = other.end;
            broken = other.broken;
        }

        /** The offset of the section's stripped text in the response, or -1 (empty, or not one slice). */
        int startOfStripped(CharSequence text) {
            if (start < 0 || broken) return -1;
            int lead = 0;
            while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) lead++;
            return lead == text.length() ? -1 : start + lead;
        }
    }
}
