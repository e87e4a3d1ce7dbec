package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.ReasoningStep;
import dev.framewise.engine.reasoning.Grounding;
import dev.framewise.engine.reasoning.MediaReference;
import dev.framewise.engine.reasoning.MediaReferences;
import dev.framewise.engine.reasoning.MediaTimeline;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.engine.reasoning.TemporalSegment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outline from the engine's reasoning tools: ReasoningParser (think/answer split and steps),
 * MediaReferences (times and frames, placed on the shown frames), TemporalSegment (the spans of a temporal
 * localisation answer) and Grounding (boxes, points and trajectories).
 * Step offsets are into the parser's trimmed reasoning, which starts at {@link ParsedResponse#reasoningStart()}
 * in the text.
 */
public final class EngineOutliner implements ReasoningOutliner {
    /** A list marker the model wrote ("1.", "2)", "Step 3:", "-"): the panel numbers steps itself. */
    private static final Pattern MARKER = Pattern.compile("^(?:\\d{1,3}[.)]|\\(\\d{1,3}\\)|(?i:step)\\s*\\d{1,3}\\s*[:.)\\-]|[-*•])\\s+");

    @Override
    public ReasoningOutline outline(String text, List<FrameRef> frames) {
        ParsedResponse parsed = ReasoningParser.parse(text);
        List<ReasoningOutline.Span> steps = new ArrayList<>();
        int reasoningAt = parsed.reasoningStart();
        if (reasoningAt >= 0) {
            for (ReasoningStep step : parsed.steps()) {
                int start = reasoningAt + step.start();
                Matcher marker = MARKER.matcher(step.text());
                if (marker.find() && marker.end() < step.text().length()) start += marker.end();
                steps.add(new ReasoningOutline.Span(start, reasoningAt + step.end()));
            }
        }
        ReasoningOutline.Span answer = null;
        int answerAt = parsed.answerStart();
        if (answerAt >= 0) answer = new ReasoningOutline.Span(answerAt, answerAt + parsed.answer().length());

        MediaTimeline timeline = new MediaTimeline(0, frames.stream().mapToDouble(FrameRef::timestampSeconds).toArray(),
                frames.stream().mapToLong(FrameRef::index).toArray());
        List<ReasoningOutline.Reference> references = new ArrayList<>();
        List<TemporalSegment> segments = TemporalSegment.find(text);
        for (MediaReference ref : MediaReferences.find(text, timeline)) {
            // the times inside a segment's JSON are the segment, marked once as a span below
            if (ref.startSeconds() != null && segments.stream().noneMatch(s -> s.start() <= ref.start() && ref.end() <= s.end())) {
                double end = ref.endSeconds() == null ? ref.startSeconds() : ref.endSeconds();
                references.add(new ReasoningOutline.Reference(ref.start(), ref.end(), ref.startSeconds(), ref.text(), end));
            }
        }
        List<ReasoningOutline.Span> json = new ArrayList<>();
        for (TemporalSegment s : segments) {
            references.add(new ReasoningOutline.Reference(s.start(), s.end(), s.startSeconds(),
                    text.substring(s.start(), s.end()), s.endSeconds()));
            json.add(withFence(text, s.start(), s.end()));
        }
        references.sort(Comparator.comparingInt(ReasoningOutline.Reference::start));
        List<GroundingBox> boxes = new ArrayList<>();
        for (Grounding g : Grounding.find(text)) {
            json.add(withFence(text, g.start(), g.end()));
            double[] c = g.coordinates();
            boxes.add(switch (g.kind()) {
                case BOX -> new GroundingBox(c[0], c[1], c[2], c[3], g.label());
                case POINT -> new GroundingBox(c[0], c[1], c[0], c[1], g.label());
                case TRAJECTORY -> GroundingBox.trajectory(c, g.label());
            });
        }
        json.sort(Comparator.comparingInt(ReasoningOutline.Span::start));
        return new ReasoningOutline(steps, answer, references, boxes, merge(json));
    }

    /** Widens a JSON object's span to the enclosing {@code [ … ]} and {@code ```json … ```} fence when they are there. */
    private static ReasoningOutline.Span withFence(String text, int start, int end) {
        int open = text.lastIndexOf("```", start);
        int close = text.indexOf("```", end);
        if (open >= 0 && close >= 0 && text.substring(open + 3, start).strip().replaceFirst("^json", "").strip().matches("\\[?[^`]*")
                && text.substring(end, close).strip().matches("[^`]*\\]?")) {
            return new ReasoningOutline.Span(open, close + 3);
        }
        return new ReasoningOutline.Span(start, end);
    }

    /** One span per fence, even when it holds several objects. */
    private static List<ReasoningOutline.Span> merge(List<ReasoningOutline.Span> spans) {
        List<ReasoningOutline.Span> merged = new ArrayList<>();
        for (ReasoningOutline.Span span : spans) {
            ReasoningOutline.Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() < last.end()) {
                merged.set(merged.size() - 1, new ReasoningOutline.Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }
}
