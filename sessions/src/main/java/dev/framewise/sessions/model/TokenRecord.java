package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.framewise.engine.api.TokenEvent;

import java.util.List;

/**
 * One generated token as kept in a session. Written as a JSON array {@code [id, "text", logprob,
 * [[alt_id, alt_logprob], ...]]} rather than an object, and with float log-probabilities: a run keeps
 * hundreds of tokens with several alternatives each, and field names would nearly double the file size.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"id", "text", "logprob", "top"})
public record TokenRecord(
        @JsonProperty("id") int id,
        @JsonProperty("text") String text,
        @JsonProperty("logprob") float logprob,
        @JsonProperty("top") List<Alternative> top) {

    public TokenRecord {
        text = text == null ? "" : text;
        top = top == null ? List.of() : List.copyOf(top);
    }

    public static TokenRecord of(TokenEvent event) {
        return new TokenRecord(event.id(), event.text(), (float) event.logprob(),
                event.top().stream().map(t -> new Alternative(t.id(), (float) t.logprob())).toList());
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"id", "logprob"})
    public record Alternative(
            @JsonProperty("id") int id,
            @JsonProperty("logprob") float logprob) {
    }
}
