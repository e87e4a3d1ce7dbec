package dev.framewise.engine.eval;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark question, as cosmos-reason1 examples/benchmark {@code InputStructure} holds it: the data set, the
 * clip's id and file, the question's index among the clip's qa_pairs, the question, its options in file order
 * ({@code index2ans}, letter to text) and the correct letter ({@code answer}, else {@code correct_answer}).
 */
public record EvalTask(String dataset, String videoId, int questionIndex, String question, Map<String, String> options,
                       String correctAnswer, Path video) {
    public EvalTask {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        correctAnswer = correctAnswer == null ? "" : correctAnswer;
        question = question == null ? "" : question;
    }

    /** Names the question across runs and models: {@code dataset/video_id#index}. */
    public String questionId() {
        return dataset + "/" + videoId + "#" + questionIndex;
    }
}
