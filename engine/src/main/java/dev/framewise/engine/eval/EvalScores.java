package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accuracy of an evaluation: per data set, the micro average over all questions (cosmos-reason1
 * tools/eval/calculate_accuracy.py: correct / total over every result) and the macro average (the mean of the
 * data sets' accuracies, as the Cosmos-Reason1 paper's table averages them). Questions whose run failed (no response
 * at all) are counted apart, not scored; a response without a letter is scored as wrong, as upstream.
 */
public record EvalScores(List<DatasetScore> datasets, int correct, int total, int failed) {

    /** One data set: counts, and for the confusion matrix how often each correct letter got each predicted one. */
    public record DatasetScore(String name, int correct, int total, int failed, Map<String, Map<String, Integer>> confusion) {
        public double accuracy() {
            return total == 0 ? 0 : 100.0 * correct / total;
        }

        /** Every letter seen as a correct or a predicted answer, sorted; "" (no letter) last. */
        public List<String> letters() {
            TreeSet<String> letters = new TreeSet<>();
            confusion.forEach((truth, row) -> {
                letters.add(truth);
                letters.addAll(row.keySet());
            });
            List<String> sorted = new ArrayList<>(letters);
            if (sorted.remove("")) sorted.add("");
            return sorted;
        }
    }

    public double microAccuracy() {
        return total == 0 ? 0 : 100.0 * correct / total;
    }

    public double macroAccuracy() {
        List<DatasetScore> scored = datasets.stream().filter(d -> d.total() > 0).toList();
        return scored.isEmpty() ? 0 : scored.stream().mapToDouble(DatasetScore::accuracy).sum() / scored.size();
    }

    /**
     * Scores the latest line of each task's question (by data set in the given order).
     *
     * @param lines result lines by question id ({@code dataset/video_id#index}), status "ok" or "failed"
     */
    public static EvalScores of(List<String> datasetOrder, List<EvalTask> tasks, Map<String, ObjectNode> lines) {
        List<DatasetScore> scores = new ArrayList<>();
        int correct = 0;
        int total = 0;
        int failed = 0;
        for (String name : datasetOrder) {
            int c = 0;
            int t = 0;
            int f = 0;
            Map<String, Map<String, Integer>> confusion = new TreeMap<>();
            for (EvalTask task : tasks) {
                if (!task.dataset().equals(name)) continue;
                ObjectNode line = lines.get(task.questionId());
                if (line == null) continue;
                if (!"ok".equals(line.path("status").asText())) {
                    f++;
                    continue;
                }
                t++;
                if (line.path("is_correct").asBoolean()) c++;
                String truth = line.path("correct_answer").asText("");
                String predicted = line.path("answer").asText("");
                confusion.computeIfAbsent(truth, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
            }
            scores.add(new DatasetScore(name, c, t, f, confusion));
            correct += c;
            total += t;
            failed += f;
        }
        return new EvalScores(List.copyOf(scores), correct, total, failed);
    }
}
