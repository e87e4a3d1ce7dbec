package dev.framewise.app.viewmodel;

import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.sessions.model.FollowUp;

/**
 * A run as Markdown for the clipboard: the answer alone, or the whole run (earlier turns of a follow-up, the
 * question, the reasoning and the answer). The answer is kept as the model wrote it (it often is Markdown already).
 */
public final class RunMarkdown {
    private RunMarkdown() {
    }

    /** The run's answer, without its format tags. */
    public static String answer(RunViewModel run) {
        ReasoningOutline.Span span = run.outline().answer();
        String text = span == null ? "" : run.text().substring(span.start(), span.end());
        return text.strip();
    }

    /** The whole run: its conversation so far, the reasoning and the answer. */
    public static String run(RunViewModel run) {
        StringBuilder md = new StringBuilder();
        FollowUp followUp = run.spec().followUp();
        if (followUp != null) {
            for (FollowUp.Turn turn : followUp.earlierTurns()) {
                md.append("**Question:** ").append(oneParagraph(turn.question())).append("\n\n");
                String earlier = ReasoningParser.parse(turn.answer()).answer().strip();
                md.append("**Answer:** ").append(earlier.isEmpty() ? "_(no answer)_" : earlier).append("\n\n");
            }
        }
        md.append("## ").append(oneParagraph(run.spec().question())).append("\n\n");
        String reasoning = reasoning(run);
        if (!reasoning.isEmpty()) md.append("### Reasoning\n\n").append(reasoning).append("\n\n");
        String answer = answer(run);
        md.append("### Answer\n\n").append(answer.isEmpty() ? "_(no answer)_" : answer).append('\n');
        return md.toString();
    }

    private static String reasoning(RunViewModel run) {
        StringBuilder s = new StringBuilder();
        int n = 1;
        for (ReasoningOutline.Span step : run.outline().steps()) {
            String text = run.text().substring(step.start(), step.end()).strip();
            if (text.isEmpty()) continue;
            if (s.length() > 0) s.append('\n');
            s.append(n++).append(". ").append(text.replace("\n", "\n   "));
        }
        return s.toString();
    }

    private static String oneParagraph(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
