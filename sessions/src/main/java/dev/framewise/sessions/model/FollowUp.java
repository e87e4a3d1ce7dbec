package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * What a follow-up question continues: the run it follows (the previous turn of its conversation) and every
 * earlier turn as the model was given it, first question first. The turns are kept with the run, so a follow-up
 * can be repeated and exported on its own, also after the run it follows was deleted.
 *
 * @param follows      the id of the run this one follows up on
 * @param earlierTurns the earlier questions with the answers the model was shown (without their reasoning)
 */
public record FollowUp(
        @JsonProperty("follows") String follows,
        @JsonProperty("earlier_turns") List<Turn> earlierTurns) {

    /** One earlier question and the answer shown to the model in its place (its reasoning left out). */
    public record Turn(@JsonProperty("question") String question, @JsonProperty("answer") String answer) {
        public Turn {
            Objects.requireNonNull(question, "question");
            answer = answer == null ? "" : answer;
        }
    }

    public FollowUp {
        Objects.requireNonNull(follows, "follows");
        earlierTurns = List.copyOf(earlierTurns);
        if (earlierTurns.isEmpty()) throw new IllegalArgumentException("a follow-up needs the turn it follows");
    }

    /** The follow-up after this one, on a run {@code runId} that asked {@code question} and was answered {@code answer}. */
    public FollowUp then(String runId, String question, String answer) {
        List<Turn> turns = new java.util.ArrayList<>(earlierTurns);
        turns.add(new Turn(question, answer));
        return new FollowUp(runId, turns);
    }

    /** A first follow-up: on run {@code runId}, which asked {@code question} and was answered {@code answer}. */
    public static FollowUp of(String runId, String question, String answer) {
        return new FollowUp(runId, List.of(new Turn(question, answer)));
    }
}
