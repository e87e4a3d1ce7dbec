package dev.framewise.sessions.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one Jackson configuration for session files and exports: ISO-8601 instants (the JSR-310 module is
 * not a dependency: two small adapters do), strict binding (an unknown field in a current-schema file means
 * it was damaged or written by something else), no trailing garbage, and streams left open for the caller
 * to fsync.
 */
public final class SessionJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private SessionJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        }
    }
}
