package dev.framewise.engine.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer letter and the reasoning of one response, as cosmos-reason1 examples/benchmark
 * tools/eval/utils/output.py parses them: {@code parse_reasoning_response} takes the first capital letter inside the
 * first {@code <answer>…</answer>} and the stripped text of the first {@code <think>…</think>};
 * {@code parse_letter_response} takes the first capital letter anywhere. For {@link AnswerStyle#AFTER_THINK}
 * models the answer part is what follows the first {@code </think>} (inside an answer tag if there is one there).
 * An empty answer means "retry".
 */
public final class AnswerParser {
    /** output.py ANSWER_PATTERN, REASONING_PATTERN and SINGLE_LETTER_PATTERN. */
    private static final Pattern ANSWER = Pattern.compile("<answer>(.*?)</answer>", Pattern.DOTALL);
    private static final Pattern REASONING = Pattern.compile("<think>(.*?)</think>", Pattern.DOTALL);
    private static final Pattern LETTER = Pattern.compile("[A-Z]");
    private static final String THINK_END = "</think>";

    public record Parsed(String answer, String reasoning) {
    }

    private AnswerParser() {
    }

    public static Parsed parse(String text, EvalMode mode, AnswerStyle style) {
        if (mode == EvalMode.LETTER) return new Parsed(firstLetter(text), "");
        if (style == AnswerStyle.AFTER_THINK) {
            int end = text.indexOf(THINK_END);
            if (end < 0) return new Parsed("", "");
            String reasoning = text.substring(0, end).replaceFirst("^\\s*<think>", "").strip();
            String rest = text.substring(end + THINK_END.length());
            Matcher tagged = ANSWER.matcher(rest);
            return new Parsed(firstLetter(tagged.find() ? tagged.group(1) : rest), reasoning);
        }
        String answer = "";
        Matcher tagged = ANSWER.matcher(text);
        if (tagged.find()) answer = firstLetter(tagged.group(1));
        Matcher thought = REASONING.matcher(text);
        return new Parsed(answer, thought.find() ? thought.group(1).strip() : "");
    }

    private static String firstLetter(String text) {
        Matcher m = LETTER.matcher(text);
        return m.find() ? m.group() : "";
    }
}
