package dev.framewise.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a model's reasoning into the steps the workbench and the exports show. */
public final class ReasoningSteps {
    /** A line that starts a new step: "1." "2)" "(3)" "Step 4:" or a bullet. */
    private static final Pattern STEP_START =
            Pattern.compile("^[ \\t]*(?:\\d{1,3}[.)][ \\t]|\\(\\d{1,3}\\)[ \\t]|(?i:step)[ \\t]*\\d{1,3}[ \\t]*[:.)\\-]|[-*•][ \\t])");

    private ReasoningSteps() {
    }

    /**
     * Steps of the reasoning: paragraphs, and numbered or bulleted items inside a paragraph. The workbench outlines
     * them and exports number them, so both show the same steps.
     */
    public static List<ReasoningStep> of(String reasoning) {
        List<int[]> spans = new ArrayList<>(); // [start, end) of each step's lines
        int lineStart = 0;
        boolean previousBlank = true;
        while (lineStart <= reasoning.length()) {
            int nl = reasoning.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? reasoning.length() : nl;
            String line = reasoning.substring(lineStart, lineEnd);
            boolean blank = line.isBlank();
            if (!blank) {
                Matcher m = STEP_START.matcher(line);
                if (previousBlank || m.find() || spans.isEmpty()) spans.add(new int[] {lineStart, lineEnd});
                else spans.get(spans.size() - 1)[1] = lineEnd;
            }
            previousBlank = blank;
            if (nl < 0) break;
            lineStart = nl + 1;
        }
        List<ReasoningStep> steps = new ArrayList<>();
        for (int[] span : spans) {
            int start = span[0];
            int end = span[1];
            while (start < end && Character.isWhitespace(reasoning.charAt(start))) start++;
            while (end > start && Character.isWhitespace(reasoning.charAt(end - 1))) end--;
            steps.add(new ReasoningStep(steps.size(), reasoning.substring(start, end), start, end));
        }
        return steps;
    }
}
