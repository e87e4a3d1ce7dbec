package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.batch.ResultLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two evaluations' answers side by side ({@code framewise eval compare A.jsonl B.jsonl}): over the questions both
 * answered (same {@code question_id}, latest ok line each), each one's accuracy, the difference B − A in points,
 * and every question whose correctness flipped.
 */
public record EvalComparison(int common, int correctA, int correctB, List<Flip> flips, int onlyA, int onlyB) {

    /** A question right in one and wrong in the other. */
    public record Flip(String questionId, String correct, String answerA, String answerB, boolean gained) {
    }

    public double accuracyA() {
        return common == 0 ? 0 : 100.0 * correctA / common;
    }

    public double accuracyB() {
        return common == 0 ? 0 : 100.0 * correctB / common;
    }

    public static EvalComparison of(Path a, Path b) {
        Map<String, ObjectNode> answersA = answers(a);
        Map<String, ObjectNode> answersB = answers(b);
        int common = 0;
        int correctA = 0;
        int correctB = 0;
        List<Flip> flips = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : answersA.entrySet()) {
            ObjectNode other = answersB.get(e.getKey());
            if (other == null) continue;
            common++;
            boolean rightA = e.getValue().path("is_correct").asBoolean();
            boolean rightB = other.path("is_correct").asBoolean();
            if (rightA) correctA++;
            if (rightB) correctB++;
            if (rightA != rightB) {
                flips.add(new Flip(e.getKey(), e.getValue().path("correct_answer").asText(""),
                        e.getValue().path("answer").asText(""), other.path("answer").asText(""), rightB));
            }
        }
        int onlyA = (int) answersA.keySet().stream().filter(k -> !answersB.containsKey(k)).count();
        int onlyB = (int) answersB.keySet().stream().filter(k -> !answersA.containsKey(k)).count();
        return new EvalComparison(common, correctA, correctB, List.copyOf(flips), onlyA, onlyB);
    }

    private static Map<String, ObjectNode> answers(Path file) {
        if (!Files.isRegularFile(file)) throw new EngineException(file + " not found; give two answers.jsonl files of framewise eval");
        Map<String, ObjectNode> byQuestion = new LinkedHashMap<>();
        for (ObjectNode line : ResultLog.readLines(file)) {
            if (!line.hasNonNull("question_id") || !ResultLog.OK.equals(line.path("status").asText())) continue;
            byQuestion.put(line.get("question_id").asText(), line);
        }
        if (byQuestion.isEmpty()) throw new EngineException(file + " holds no answered questions of framewise eval");
        return byQuestion;
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d questions in both: A %s %% (%d), B %s %% (%d), B − A %+.1f points%n", common,
                EvalReport.percent(accuracyA()), correctA, EvalReport.percent(accuracyB()), correctB, accuracyB() - accuracyA()));
        if (onlyA > 0 || onlyB > 0) out.append(String.format(Locale.ROOT, "not compared: %d only in A, %d only in B%n", onlyA, onlyB));
        long gained = flips.stream().filter(Flip::gained).count();
        out.append(String.format(Locale.ROOT, "%d flips: %d wrong → right, %d right → wrong%n", flips.size(), gained,
                flips.size() - gained));
        for (Flip f : flips) {
            out.append(String.format(Locale.ROOT, "  %s %s  correct %s · A %s · B %s%n", f.gained() ? "+" : "-", f.questionId(),
                    f.correct(), f.answerA().isEmpty() ? "—" : f.answerA(), f.answerB().isEmpty() ? "—" : f.answerB()));
        }
        return out.toString();
    }
}
