package dev.framewise.engine.api;

import java.util.List;

/**
 * One generated token as it streams: its position among the generated tokens, its id, the text it
 * adds (whole characters only: may be empty while a multi-byte character is incomplete), its
 * log-probability under the distribution it was drawn from, and the most likely alternatives.
 */
public record TokenEvent(int index, int id, String text, double logprob, List<TopLogprob> top) {
    public TokenEvent {
        top = List.copyOf(top);
    }

    public record TopLogprob(int id, double logprob) {
    }
}
