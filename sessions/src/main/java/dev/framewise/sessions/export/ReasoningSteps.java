package dev.framewise.sessions.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a model's reasoning into the steps an export shows one by one: paragraphs when the model wrote
 * paragraphs, otherwise numbered or bulleted lines ("1.", "2)", "Step 3:", "- "), otherwise the whole text.
 */
public final class ReasoningSteps {
    private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");
    private static final Pattern ENUMERATED = Pattern.compile("^\\s*(\\d+[.)]|step\\s+\\d+\\s*[:.]|[-*\u2022])\\s+.*",
            Pattern.CASE_INSENSITIVE);

    private ReasoningSteps() {
    }

    public static List<String> split(String reasoning) {
        String text = reasoning.replace("\r\n", "\n").strip();
        if (text.isEmpty()) return List.of();
        List<String> paragraphs = nonBlank(BLANK_LINE.split(text));
        if (paragraphs.size() > 1) return paragraphs;
        List<String> steps = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (ENUMERATED.matcher(line).matches() && current.length() > 0) {
                steps.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        steps.add(current.toString().strip());
        return steps;
    }

    private static List<String> nonBlank(String[] parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) if (!p.isBlank()) out.add(p.strip());
        return out;
    }
}
