package dev.framewise.app.view;

import dev.framewise.app.viewmodel.ReasoningOutline;
import dev.framewise.app.viewmodel.TokenConfidence;
import dev.framewise.engine.api.TokenEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lays a run's raw text out for the two reasoning areas: the numbered steps of the thinking, and the answer.
 * Each area's text is made of slices of the raw text (plus step numbers), so raw offsets (references,
 * tokens) map to area offsets; the result lists styled runs and link ranges in area coordinates.
 */
final class ReasoningLayout {
    /** Text with its style runs and its links. */
    record Area(String text, List<Styled> runs, List<Link> links) {
    }

    record Styled(int start, int end, Collection<String> styles) {
    }

    record Link(int start, int end, double seconds) {
        boolean contains(int offset) {
            return offset >= start && offset < end;
        }
    }

    private record Slice(int rawStart, int rawEnd, int areaStart) {
    }

    private final String raw;
    private final ReasoningOutline outline;
    private final List<TokenEvent> tokens;
    private final boolean confidence;

    ReasoningLayout(String raw, ReasoningOutline outline, List<TokenEvent> tokens, boolean confidence) {
        this.raw = raw;
        this.outline = outline;
        this.tokens = tokens;
        this.confidence = confidence;
    }

    Area thinking() {
        StringBuilder text = new StringBuilder();
        List<Slice> slices = new ArrayList<>();
        List<Styled> runs = new ArrayList<>();
        int number = 1;
        for (ReasoningOutline.Span step : outline.steps()) {
            if (text.length() > 0) text.append("\n");
            String label = number++ + "  ";
            runs.add(new Styled(text.length(), text.length() + label.length(), List.of("step-number")));
            text.append(label);
            slices.add(new Slice(step.start(), step.end(), text.length()));
            text.append(raw, step.start(), step.end());
        }
        return styled(text.toString(), slices, runs, "thinking");
    }

    Area answer() {
        ReasoningOutline.Span span = outline.answer();
        if (span == null) return new Area("", List.of(), List.of());
        return styled(raw.substring(span.start(), span.end()), List.of(new Slice(span.start(), span.end(), 0)), new ArrayList<>(), "answer");
    }

    private Area styled(String text, List<Slice> slices, List<Styled> runs, String baseStyle) {
        List<Link> links = new ArrayList<>();
        for (ReasoningOutline.Span json : outline.groundingJson()) {
            int start = toArea(slices, json.start());
            int end = toArea(slices, json.end() - 1);
            if (start >= 0 && end >= 0) runs.add(new Styled(start, end + 1, List.of("grounding-json")));
        }
        for (ReasoningOutline.Reference ref : outline.references()) {
            int start = toArea(slices, ref.start());
            int end = toArea(slices, ref.end() - 1);
            if (start >= 0 && end >= 0) {
                links.add(new Link(start, end + 1, ref.seconds()));
                runs.add(new Styled(start, end + 1, List.of("ref-link")));
            }
        }
        if (confidence) {
            int offset = 0;
            for (TokenEvent token : tokens) {
                int level = TokenConfidence.level(token.logprob());
                int rawEnd = offset + token.text().length();
                for (int i = offset; level > 0 && i < rawEnd; i++) {
                    int at = toArea(slices, i);
                    if (at >= 0) runs.add(new Styled(at, at + 1, List.of("conf-" + level)));
                }
                offset = rawEnd;
            }
        }
        return new Area(text, merge(text.length(), runs, baseStyle), links);
    }

    private static int toArea(List<Slice> slices, int rawOffset) {
        for (Slice s : slices) {
            if (rawOffset >= s.rawStart() && rawOffset < s.rawEnd()) return s.areaStart() + rawOffset - s.rawStart();
        }
        return -1;
    }

    /** Flattens overlapping runs into one style set per character range. */
    private static List<Styled> merge(int length, List<Styled> runs, String baseStyle) {
        List<List<String>> perChar = new ArrayList<>(length);
        for (int i = 0; i < length; i++) perChar.add(new ArrayList<>(List.of(baseStyle)));
        for (Styled run : runs) {
            for (int i = Math.max(0, run.start()); i < Math.min(length, run.end()); i++) perChar.get(i).addAll(run.styles());
        }
        List<Styled> merged = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= length; i++) {
            if (i == length || !perChar.get(i).equals(perChar.get(start))) {
                merged.add(new Styled(start, i, List.copyOf(perChar.get(start))));
                start = i;
            }
        }
        return merged;
    }
}
